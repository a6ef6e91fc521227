"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import type { BulkCommand } from "@/lib/machines/bulk";
import type { MachineDto } from "@/lib/machines/dto";
import { MachineTable, type MachineOrder } from "./machine-table";

type Act = (command: BulkCommand, ids: string[]) => Promise<{ ok: boolean; message: string }>;

/**
 * The machine list for operators: tick machines on the page, then put them in or out of
 * maintenance, roll them out, or delete them (after a question), all at once. Ticks belong
 * to one page: the list page renders this under a key of its filters, order and cursor, so
 * another page starts with nothing ticked and no tick can act out of sight.
 */
export function ChosenMachines({ machines, act, order }: { machines: MachineDto[]; act: Act; order?: MachineOrder }) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  // A machine that left the page (deleted, filtered away) is no longer chosen.
  const picked = machines.filter((m) => chosen.has(m.id));
  const run = (command: BulkCommand) =>
    start(async () => {
      const answer = await act(command, picked.map((m) => m.id));
      setResult(answer);
      setConfirmDelete(false);
      if (answer.ok) setChosen(new Set());
    });
  const selection = {
    chosen,
    toggle: (id: string) => setChosen((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id]))),
    toggleAll: (on: boolean) => setChosen(on ? new Set(machines.map((m) => m.id)) : new Set()),
  };
  const n = `${picked.length} machine${picked.length === 1 ? "" : "s"}`;
  const none = pending || picked.length === 0;
  return (
    <div className="space-y-2">
      <div role="toolbar" aria-label="Chosen machines" className="flex min-h-8 flex-wrap items-center gap-2 text-sm">
        {confirmDelete && picked.length > 0 ? (
          <ConfirmInline
            question={`Delete ${n}? Their MACs go back to being unknown; this cannot be undone.`}
            confirm={`Delete ${n}`}
            pendingLabel="Deleting…"
            back="Keep them"
            pending={pending}
            onConfirm={() => run("delete")}
            onBack={() => setConfirmDelete(false)}
          />
        ) : (
          // The same buttons whether or not anything is ticked, so that ticking the first
          // machine does not move the table under the next tap (a phone wraps this bar).
          <>
            <span className={`basis-full sm:basis-auto ${picked.length ? "font-medium" : "text-zinc-500 dark:text-zinc-400"}`}>{picked.length ? `${n} chosen:` : "Tick machines to act on several at once:"}</span>
            <Button variant="secondary" disabled={none} onClick={() => run("maintenance_on")} title="They are left out of rollouts and hold at their next boot">
              Maintenance on
            </Button>
            <Button variant="secondary" disabled={none} onClick={() => run("maintenance_off")}>
              Maintenance off
            </Button>
            {none ? (
              <Button variant="secondary" disabled>Roll out…</Button>
            ) : (
              <Link className={buttonClass("secondary")} href={`/rollouts/new?${new URLSearchParams({ machines: picked.map((m) => m.hostname).join(",") })}`}>
                Roll out…
              </Link>
            )}
            <Button variant="secondary" disabled={none} onClick={() => setConfirmDelete(true)}>
              Delete…
            </Button>
            <Button variant="secondary" disabled={none} onClick={() => setChosen(new Set())}>
              Clear
            </Button>
          </>
        )}
        {result ? (
          <span role={result.ok ? "status" : "alert"} className={result.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}>
            {result.message}
          </span>
        ) : null}
      </div>
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <MachineTable machines={machines} selection={selection} order={order} />
      </div>
    </div>
  );
}
