import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatUtc } from "@/components/ui/timestamp";
import type { RolloutBatch, RolloutStepRow } from "@/lib/rollouts/queries";
import { formatDuration } from "./describe";
import { RolloutBar } from "./rollout-bar";
import { StepTable } from "./step-table";

const LINK = "text-sky-700 hover:underline dark:text-sky-400";

function BatchProgress({ b }: { b: RolloutBatch }) {
  const settled = b.total - b.healthy - b.failed - b.inFlight - b.pending;
  const words = [
    b.healthy ? `${b.healthy} healthy` : "",
    b.inFlight ? `${b.inFlight} in flight` : "",
    b.failed ? `${b.failed} failed` : "",
    b.pending ? `${b.pending} pending` : "",
    settled ? `${settled} skipped or cancelled` : "",
  ].filter(Boolean);
  return (
    <div className="flex items-center gap-2">
      <RolloutBar className="w-24" counts={{ healthy: b.healthy, failed: b.failed, inFlight: b.inFlight, settled }} total={b.total} />
      <span className={`text-xs ${b.failed ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400"}`}>{words.join(" · ")}</span>
    </div>
  );
}

function took(b: RolloutBatch): string {
  if (b.seconds === null) return "";
  return b.finishedAt ? formatDuration(b.seconds) : `${formatDuration(b.seconds)} so far`;
}

/**
 * One line per batch (what it holds, how far it is, how long it took); the batches in
 * `open` also list their machines; the others link to a page that opens them (`href`).
 */
export function BatchTable({ batches, steps, open, selected, href, canary = false }: { batches: RolloutBatch[]; steps: Map<number, RolloutStepRow[]>; open: Set<number>; selected: number | null; href: (batch: number | null) => string; canary?: boolean }) {
  return (
    <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
      <table className="data-table" aria-label="Batches">
        <thead>
          <tr>
            <th className="text-right">Batch</th>
            <th className="text-right">Machines</th>
            <th>Progress</th>
            <th>Started (UTC)</th>
            <th>Took</th>
            <th>
              <span className="sr-only">Machines of the batch</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => {
            const shown = open.has(b.batch) ? (steps.get(b.batch) ?? []) : null;
            return [
              <tr key={b.batch}>
                <td className="text-right font-medium tabular-nums">
                  {canary && b.batch === 1 ? <Badge tone="violet">canary</Badge> : null} {b.batch}
                </td>
                <td className="text-right tabular-nums">{b.total.toLocaleString("en")}</td>
                <td>
                  <BatchProgress b={b} />
                </td>
                <td className="tabular-nums">{b.startedAt ? formatUtc(b.startedAt).slice(11) : <span className="text-zinc-500 dark:text-zinc-400">not started</span>}</td>
                <td className="tabular-nums">{took(b)}</td>
                <td className="text-right">
                  {shown ? (
                    b.batch === selected ? (
                      <Link className={`text-xs ${LINK}`} href={href(null)} scroll={false}>
                        Hide machines
                      </Link>
                    ) : null
                  ) : (
                    <Link className={`text-xs ${LINK}`} href={href(b.batch)} scroll={false}>
                      Show machines
                    </Link>
                  )}
                </td>
              </tr>,
              shown ? (
                <tr key={`${b.batch}-steps`} className="hover:bg-transparent dark:hover:bg-transparent">
                  <td colSpan={6} className="bg-zinc-50/70 px-3 pt-1 pb-3 dark:bg-zinc-900/40">
                    <StepTable steps={shown} label={`Machines of batch ${b.batch}`} />
                    {shown.length < b.total ? (
                      <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
                        The first {shown.length.toLocaleString("en")} of {b.total.toLocaleString("en")} shown.
                      </p>
                    ) : null}
                  </td>
                </tr>
              ) : null,
            ];
          })}
        </tbody>
      </table>
    </div>
  );
}
