import Link from "next/link";
import { MachineStateBadge } from "@/components/machines/state-badge";
import { formatUtc } from "@/components/ui/timestamp";
import type { RolloutStepRow } from "@/lib/rollouts/queries";
import { StepStateBadge } from "./state-badge";

const DASH = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

/** A time of day (UTC) with the full date on hover: a rollout's steps are minutes apart. */
function Clock({ date }: { date: Date | null }) {
  if (!date) return DASH;
  return (
    <time dateTime={date.toISOString()} title={`${formatUtc(date)} UTC`} className="tabular-nums">
      {formatUtc(date).slice(11)}
    </time>
  );
}

/** Each machine's step: where it is, what it waits for or what went wrong, and when. */
export function StepTable({ steps, showBatch = false, label }: { steps: RolloutStepRow[]; showBatch?: boolean; label: string }) {
  return (
    <div className="overflow-x-auto">
      <table className="data-table" aria-label={label}>
        <thead>
          <tr>
            {showBatch ? <th className="text-right">Batch</th> : null}
            <th>Machine</th>
            <th>Rack</th>
            <th>Step</th>
            <th>Machine state</th>
            <th>Note</th>
            <th>Power (UTC)</th>
            <th>Healthy (UTC)</th>
            <th>Finished (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.id} className="align-top">
              {showBatch ? <td className="text-right tabular-nums">{s.batch}</td> : null}
              <td className="font-mono">
                <Link href={`/machines/${s.hostname}`} className="text-sky-700 hover:underline dark:text-sky-400">
                  {s.hostname}
                </Link>
              </td>
              <td>{s.rack ?? DASH}</td>
              <td>
                <StepStateBadge state={s.state} />
              </td>
              <td>
                <MachineStateBadge state={s.machineState} />
              </td>
              <td className="max-w-md min-w-48 whitespace-normal text-xs">
                {s.error ? <p className="text-red-700 dark:text-red-400">{s.error}</p> : null}
                {s.note && !(s.error && (s.note.includes(s.error) || s.error.includes(s.note))) ? <p className="text-zinc-600 dark:text-zinc-400">{s.note}</p> : null}
                {!s.error && !s.note ? DASH : null}
              </td>
              <td>
                <Clock date={s.poweredAt ?? s.intentAt} />
                {s.method ? <span className="text-zinc-500 dark:text-zinc-400"> · {s.method}</span> : null}
              </td>
              <td>
                <Clock date={s.healthySince} />
              </td>
              <td>
                <Clock date={s.finishedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
