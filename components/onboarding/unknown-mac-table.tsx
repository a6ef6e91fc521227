"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { TimeAgo } from "@/components/ui/time-ago";
import type { UnknownMacRow } from "@/lib/unknown-macs/queries";

const none = <span className="text-zinc-400 dark:text-zinc-500">—</span>;

export function UnknownMacTable({
  items,
  canOperate,
  dismiss,
}: {
  items: UnknownMacRow[];
  canOperate: boolean;
  dismiss: (macs: string[]) => Promise<{ error: string } | undefined>;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  // Rows dismissed or adopted elsewhere drop out of the selection when the list refreshes.
  const chosen = items.filter((i) => selected.has(i.mac)).map((i) => i.mac);
  const all = chosen.length === items.length;

  function toggle(mac: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(mac);
    else next.delete(mac);
    setSelected(next);
  }

  return (
    <div className="space-y-3">
      {canOperate ? (
        <div className="flex flex-wrap items-center gap-2">
          <Button disabled={!chosen.length} className="dark:disabled:opacity-50" onClick={() => router.push(`/machines/import?macs=${encodeURIComponent(chosen.join(","))}`)}>
            Onboard selected{chosen.length ? ` (${chosen.length})` : ""}
          </Button>
          <Button
            variant="secondary"
            className="disabled:opacity-50"
            disabled={!chosen.length || pending}
            title="Forget these until they ask to boot again"
            onClick={() =>
              start(async () => {
                const failed = await dismiss(chosen);
                setError(failed?.error ?? null);
                if (!failed) setSelected(new Set());
              })
            }
          >
            {pending ? "Dismissing…" : "Dismiss selected"}
          </Button>
          {error ? <span role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</span> : null}
        </div>
      ) : null}
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="data-table">
          <thead>
            <tr>
              {canOperate ? (
                <th scope="col" className="w-8">
                  <input type="checkbox" aria-label="Select all" className="size-4 align-middle accent-sky-600" checked={all} onChange={(e) => setSelected(new Set(e.target.checked ? items.map((i) => i.mac) : []))} />
                </th>
              ) : null}
              <th scope="col">MAC</th>
              <th scope="col">First seen</th>
              <th scope="col">Last seen</th>
              <th scope="col" className="text-right">Requests</th>
              <th scope="col">From</th>
              <th scope="col">Firmware</th>
              <th scope="col">Serial</th>
              <th scope="col">UUID</th>
            </tr>
          </thead>
          <tbody>
            {items.map((u) => (
              <tr key={u.mac}>
                {canOperate ? (
                  <td>
                    <input type="checkbox" aria-label={`Select ${u.mac}`} className="size-4 align-middle accent-sky-600" checked={selected.has(u.mac)} onChange={(e) => toggle(u.mac, e.target.checked)} />
                  </td>
                ) : null}
                <td className="font-mono">
                  <Link href={`/machines/${u.mac}/boot`} title="What it boots, and why" className="text-sky-700 hover:underline dark:text-sky-400">{u.mac}</Link>
                </td>
                <td><TimeAgo date={u.firstSeenAt} /></td>
                <td><TimeAgo date={u.lastSeenAt} /></td>
                <td className="text-right tabular-nums">{u.requestCount.toLocaleString("en")}</td>
                <td className="font-mono">{u.sourceIp ?? none}</td>
                <td title={u.userAgent ?? undefined}>{[u.arch, u.platform].filter(Boolean).join(" · ") || none}</td>
                <td className="font-mono">{u.serial ?? none}</td>
                <td className="max-w-48 truncate font-mono text-xs" title={u.uuid ?? undefined}>{u.uuid ?? none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
