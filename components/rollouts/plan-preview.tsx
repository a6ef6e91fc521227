"use client";

import { Fragment, useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { RolloutPlan } from "@/lib/rollouts/mutations";
import { ExcludedTable } from "./excluded-table";

const FIRST_BATCHES = 25;
const NAMES_PER_BATCH = 12;

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

/**
 * "Starts when batch 2 is done; each machine boots again …": the part after the first
 * "; " is the same health gate for every batch, so it is said once under the table.
 */
function splitWaits(details: RolloutPlan["details"]) {
  const parts = details.map((d) => {
    const i = d.waitsFor.indexOf("; ");
    return i < 0 ? { starts: d.waitsFor, done: "" } : { starts: d.waitsFor.slice(0, i), done: d.waitsFor.slice(i + 2) };
  });
  const done = parts[0]?.done ?? "";
  if (!done || parts.some((p) => p.done !== done)) return { starts: details.map((d) => d.waitsFor), done: null };
  return { starts: parts.map((p) => p.starts.charAt(0).toUpperCase() + p.starts.slice(1)), done };
}

/** The dry run's answer: how many, in which batches, what each batch waits for, and who is left out. */
export function PlanPreview({ plan }: { plan: RolloutPlan }) {
  const [allBatches, setAllBatches] = useState(false);
  const machines = plan.batches.reduce((a, b) => a + b.length, 0);
  const shown = allBatches ? plan.details : plan.details.slice(0, FIRST_BATCHES);
  const waits = splitWaits(plan.details);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <span className="font-medium">{plural(machines, "machine")}</span> in <span className="font-medium">{plural(plan.batches.length, "batch", "batches")}</span>
        {plan.batches.length ? <> of up to {plan.batchSize.toLocaleString("en")}</> : null}
        {plan.excluded.length ? <>, <span className="font-medium text-amber-700 dark:text-amber-400">{plan.excluded.length.toLocaleString("en")} left out</span></> : null}
        {plan.role ? <> · role {plan.role}</> : null}
        {plan.targetVersion ? (
          <>
            {" "}· <span className="font-mono">{plan.targetVersion}</span> becomes its desired version
          </>
        ) : null}
      </p>
      {plan.imageChange ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
          <span className="font-medium">Another image:</span> role {plan.role} boots <span className="font-mono">{plan.imageChange.from}</span> today; this rollout moves
          it to <span className="font-mono">{plan.imageChange.to}</span>. Check that this is the operating system you mean before you start.
        </p>
      ) : null}
      {plan.details.length ? (
        <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
          <table className="data-table" aria-label="Planned batches">
            <thead>
              <tr>
                <th>Batch</th>
                <th className="text-right">Machines</th>
                <th>Hostnames</th>
                <th>{waits.done ? "When" : "Waits for"}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((b, i) => (
                <tr key={b.batch} className="align-top">
                  <td className="tabular-nums">
                    {b.batch} {b.canary ? <Badge tone="violet">canary</Badge> : null}
                  </td>
                  <td className="text-right tabular-nums">{b.hostnames.length.toLocaleString("en")}</td>
                  <td className="whitespace-normal font-mono text-xs">
                    {/* The comma and space sit outside each name, so the list wraps between names. */}
                    {b.hostnames.slice(0, NAMES_PER_BATCH).map((h, j) => (
                      <Fragment key={h}>
                        {j ? ", " : ""}
                        <span className="whitespace-nowrap">{h}</span>
                      </Fragment>
                    ))}
                    {b.hostnames.length > NAMES_PER_BATCH ? <span className="font-sans text-zinc-500 dark:text-zinc-400"> and {b.hostnames.length - NAMES_PER_BATCH} more</span> : null}
                  </td>
                  <td className="min-w-48 whitespace-normal text-xs text-zinc-600 dark:text-zinc-400">{waits.starts[i]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          Every selected machine is left out: there is nothing to roll.
        </p>
      )}
      {waits.done ? <p className="text-xs text-zinc-600 dark:text-zinc-400">A batch is done when {waits.done}</p> : null}
      {plan.details.length > FIRST_BATCHES ? (
        <button type="button" className="text-sm text-sky-700 hover:underline dark:text-sky-400" onClick={() => setAllBatches(!allBatches)}>
          {allBatches ? `Show the first ${FIRST_BATCHES} batches only` : `Show all ${plan.details.length.toLocaleString("en")} batches`}
        </button>
      ) : null}
      {plan.excluded.length ? (
        <div className="space-y-2">
          <h3 className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">Left out ({plan.excluded.length.toLocaleString("en")})</h3>
          <ExcludedTable excluded={plan.excluded} />
        </div>
      ) : null}
    </div>
  );
}
