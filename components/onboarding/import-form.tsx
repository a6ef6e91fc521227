"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ImportRow } from "@/lib/onboarding/schema";
import { commentOutLines } from "@/lib/onboarding/set-aside";
import { CreatedList } from "./created-list";
import { DefaultsFields, type DefaultsValue } from "./defaults-fields";
import { PasteArea } from "./paste-area";
import { PreviewTable } from "./preview-table";
import { useImportPreview, type ImportAction } from "./use-import-preview";

export function ImportForm({
  preview,
  commit,
  roles,
  subnets,
  racks,
  roleSubnets,
  initialText,
  initialDefaults,
}: {
  preview: ImportAction;
  commit: ImportAction;
  roles: string[];
  subnets: { name: string; cidr: string }[];
  racks: string[];
  roleSubnets: Record<string, string>;
  initialText: string;
  initialDefaults: DefaultsValue;
}) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [defaults, setDefaults] = useState(initialDefaults);
  const [created, setCreated] = useState<ImportRow[] | null>(null);
  const [commitError, setCommitError] = useState<string | null>(null);
  const [committing, startCommit] = useTransition();
  const { result, error, fieldErrors, stale, show } = useImportPreview(preview, text, defaults);

  const errors: Record<string, string> = { ...fieldErrors };
  for (const issue of result?.issues ?? []) errors[issue.path] ??= issue.message;
  const summary = result?.summary;
  const ready = !!summary && !stale && summary.total > 0 && summary.attention === 0 && !committing;

  function submit() {
    if (!ready) return;
    setCommitError(null);
    startCommit(async () => {
      const r = await commit({ text, defaults });
      if (!r.ok) return setCommitError(r.error);
      if (r.result.created) {
        setCreated(r.result.rows);
        setText("");
        router.refresh();
      } else {
        // Someone registered some of these in the meantime: show what changed.
        show(r.result);
        setCommitError("Nothing was added: some lines need attention now.");
      }
    });
  }

  return (
    <form
      className="space-y-5"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {created ? <CreatedList rows={created} /> : null}
      <DefaultsFields value={defaults} onChange={setDefaults} roles={roles} subnets={subnets} racks={racks} roleSubnets={roleSubnets} errors={errors} />
      <PasteArea
        value={text}
        onChange={(t) => {
          setText(t);
          if (t) setCreated(null);
        }}
        onSubmitShortcut={submit}
        error={errors.text ?? error ?? undefined}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={!ready} className="dark:disabled:opacity-50">
          {committing ? "Adding…" : ready ? `Add ${summary.ready} machine${summary.ready === 1 ? "" : "s"}` : "Add machines"}
        </Button>
        <p role="status" aria-live="polite" className="text-sm">
          {text.trim() === "" ? (
            <span className="text-zinc-500 dark:text-zinc-400">Paste MAC addresses to see what will be added.</span>
          ) : stale || !summary ? (
            <span className="text-zinc-500 dark:text-zinc-400">Checking…</span>
          ) : (
            <Summary ready={summary.ready} attention={summary.attention} />
          )}
        </p>
        {summary && !stale && summary.ready > 0 && summary.attention > 0 && !committing ? (
          <Button
            variant="secondary"
            title="Puts # in front of those lines: they are skipped, and stay in the text to fix later"
            onClick={() => setText(commentOutLines(text, (result?.rows ?? []).filter((r) => r.status !== "ok").map((r) => r.line)))}
          >
            Comment out the {summary.attention.toLocaleString("en")} line{summary.attention === 1 ? "" : "s"} that need{summary.attention === 1 ? "s" : ""} attention
          </Button>
        ) : null}
        {commitError ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{commitError}</p> : null}
      </div>
      {result?.notes.map((n) => <p key={n} className="text-xs text-zinc-500 dark:text-zinc-400">{n}</p>)}
      {result && result.rows.length > 0 ? <PreviewTable rows={result.rows} /> : null}
    </form>
  );
}

function Summary({ ready, attention }: { ready: number; attention: number }) {
  if (ready + attention === 0) return <span className="text-zinc-500">No machine lines yet (only blank lines, comments or a header).</span>;
  return (
    <>
      <span className="font-medium text-emerald-700 dark:text-emerald-400">{ready.toLocaleString("en")} ready</span>
      {attention ? (
        <>
          , <span className="font-medium text-red-700 dark:text-red-400">{attention.toLocaleString("en")} need{attention === 1 ? "s" : ""} attention</span>
        </>
      ) : null}
    </>
  );
}
