import Link from "next/link";
import { Timestamp } from "@/components/ui/timestamp";
import type { RolloutListItem } from "@/lib/rollouts/queries";
import { describeSelector } from "./describe";
import { RolloutBar } from "./rollout-bar";
import { RolloutStateBadge } from "./state-badge";

const DASH = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

function Progress({ r }: { r: RolloutListItem }) {
  const { steps, total } = r;
  const inFlight = steps.powering + steps.waiting;
  const settled = steps.skipped + steps.cancelled;
  if (total === 0) return <span className="text-zinc-500 dark:text-zinc-400">no machines</span>;
  return (
    <div className="flex items-center gap-2">
      <RolloutBar counts={{ healthy: steps.healthy, failed: steps.failed, inFlight, settled }} total={total} />
      <span className="tabular-nums">
        {steps.healthy} / {total} healthy
      </span>
      {steps.failed ? <span className="text-red-700 tabular-nums dark:text-red-400">{steps.failed} failed</span> : null}
      {inFlight ? <span className="text-sky-700 tabular-nums dark:text-sky-400">{inFlight} in flight</span> : null}
    </div>
  );
}

export function RolloutTable({ rollouts }: { rollouts: RolloutListItem[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Rollout</th>
          <th>State</th>
          <th>Target version</th>
          <th>Progress</th>
          <th>Created (UTC)</th>
          <th>By</th>
        </tr>
      </thead>
      <tbody>
        {rollouts.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/rollouts/${r.id}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                {r.name || <span className="font-mono">{r.id.slice(0, 8)}</span>}
              </Link>
              <div className="text-xs text-zinc-500 dark:text-zinc-400">{describeSelector(r.selector)}</div>
            </td>
            <td>
              <RolloutStateBadge state={r.state} title={r.stateReason ?? undefined} awaitingApproval={r.awaitingApproval} />
            </td>
            <td className="font-mono">
              {r.targetVersion ? (
                <>
                  <span className="text-zinc-500 dark:text-zinc-400">{r.targetVersion.image}:</span>
                  {r.targetVersion.version}
                </>
              ) : (
                DASH
              )}
            </td>
            <td>
              <Progress r={r} />
            </td>
            <td className="text-zinc-600 dark:text-zinc-400">
              <Timestamp date={r.createdAt} />
            </td>
            <td>{r.createdBy ?? DASH}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
