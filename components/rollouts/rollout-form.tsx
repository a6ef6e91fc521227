"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { FormState } from "@/lib/forms/state";
import { errorsByField } from "./form-input";
import { PlanPreview } from "./plan-preview";
import { RolloutFields, type FieldChoices } from "./rollout-fields";
import { useRolloutPreview, type PreviewAction } from "./use-rollout-preview";

/**
 * A new rollout: the fields, a dry run that follows them, and Start. Start sends the same
 * request key however often it is pressed (double click, retry after an error), so one
 * form load starts at most one rollout; it is only offered for the plan shown, and Enter
 * in a field only previews.
 */
export function RolloutForm({
  preview,
  start,
  choices,
  defaults,
  requestKey,
}: {
  preview: PreviewAction;
  start: (fd: FormData) => Promise<FormState>;
  choices: FieldChoices;
  defaults: Record<string, string>;
  requestKey: string;
}) {
  const form = useRef<HTMLFormElement>(null);
  const [key] = useState(requestKey);
  const [role, setRole] = useState(defaults.role ?? "");
  const [started, setStarted] = useState<FormState | null>(null);
  const [starting, startTransition] = useTransition();
  const { answer, current, hasSelection, changed, now } = useRolloutPreview(preview, form);

  const plan = answer?.ok ? answer.plan : null;
  const fieldErrors = { ...(answer && !answer.ok ? answer.fieldErrors : {}), ...(started && !started.ok ? started.fieldErrors : {}) };
  const errors = errorsByField(fieldErrors);
  const failed = started && !started.ok ? started : answer && !answer.ok ? answer : null;
  const onFields = Object.keys(errors).some((k) => k !== "_form");
  const formError = !failed ? undefined : onFields ? ["Fix the highlighted fields.", errors._form].filter(Boolean).join(" ") : (errors._form ?? failed.message);
  const ready = current && !!plan && plan.batches.length > 0 && !starting;
  const machines = plan ? plan.batches.reduce((a, b) => a + b.length, 0) : 0;

  function startRollout() {
    if (!ready || !form.current) return;
    const fd = new FormData(form.current);
    startTransition(async () => setStarted(await start(fd)));
  }

  return (
    <form
      ref={form}
      noValidate
      className="grid items-start gap-6 xl:grid-cols-[minmax(0,40rem)_minmax(0,1fr)]"
      onChange={(ev) => {
        const target = ev.target as EventTarget as HTMLInputElement;
        if (target.name === "role") setRole(target.value);
        setStarted(null);
        changed();
      }}
      // Enter in a field previews; only the Start button starts.
      onSubmit={(ev) => {
        ev.preventDefault();
        now();
      }}
    >
      <input type="hidden" name="requestKey" value={key} />
      <div className="space-y-4">
        <RolloutFields defaults={defaults} errors={errors} choices={choices} role={role} />
      </div>
      <div className="space-y-4 xl:sticky xl:top-4">
        <div className="flex flex-wrap items-center gap-3">
          <Button disabled={!ready} onClick={startRollout}>
            {starting ? "Starting…" : ready ? `Start rollout of ${machines.toLocaleString("en")} machine${machines === 1 ? "" : "s"}` : "Start rollout"}
          </Button>
          <Button type="submit" variant="secondary" disabled={!hasSelection}>
            Preview
          </Button>
          <p role="status" aria-live="polite" className="text-sm text-zinc-500 dark:text-zinc-400">
            {!hasSelection ? "Choose machines by role, rack, tag or hostnames to see the batches." : !current ? "Checking…" : plan ? "Preview is up to date." : null}
          </p>
        </div>
        {formError ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {formError}
          </p>
        ) : null}
        {plan ? (
          <section aria-label="Preview" className={current ? "" : "opacity-60"}>
            <PlanPreview plan={plan} />
          </section>
        ) : null}
      </div>
    </form>
  );
}
