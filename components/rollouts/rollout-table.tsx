import { Badge, type Tone } from "@/components/ui/badge";
import { StackedBar } from "@/components/ui/stacked-bar";
import { Timestamp } from "@/components/ui/timestamp";
import type { RolloutListItem } from "@/lib/rollouts/queries";

const STATE_TONE: Record<RolloutListItem["state"], Tone> = {
  running: "blue",
  paused: "amber",
  succeeded: "green",
  failed: "red",
  cancelled: "gray",
};

const DASH = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

function describeSelector(selector: unknown): string {
  if (!selector || typeof selector !== "object") return "";
  const s = selector as { role?: unknown; rack?: unknown; machines?: unknown };
  const parts: string[] = [];
  if (typeof s.role === "string") parts.push(`role ${s.role}`);
  if (typeof s.rack === "string") parts.push(`rack ${s.rack}`);
  if (Array.isArray(s.machines)) parts.push(`${s.machines.length} listed machine${s.machines.length === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

function Progress({ r }: { r: RolloutListItem }) {
  const { steps, total } = r;
  const inFlight = steps.powering + steps.waiting;
  const settled = steps.skipped + steps.cancelled;
  if (total === 0) return <span className="text-zinc-500 dark:text-zinc-400">no machines</span>;
  return (
    <div className="flex items-center gap-2">
      <StackedBar
        total={total}
        segments={[
          { value: steps.healthy, label: "healthy", className: "bg-emerald-500" },
          { value: steps.failed, label: "failed", className: "bg-red-500" },
          { value: inFlight, label: "rebooting", className: "bg-sky-500" },
          { value: settled, label: "skipped or cancelled", className: "bg-zinc-400 dark:bg-zinc-600" },
        ]}
      />
      <span className="tabular-nums">
        {steps.healthy} / {total} healthy
      </span>
      {steps.failed ? <span className="text-red-700 tabular-nums dark:text-red-400">{steps.failed} failed</span> : null}
      {inFlight ? <span className="text-sky-700 tabular-nums dark:text-sky-400">{inFlight} rebooting</span> : null}
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
              <div className="font-medium">{r.name || <span className="font-mono">{r.id.slice(0, 8)}</span>}</div>
              <div className="text-xs text-zinc-500 dark:text-zinc-400">{describeSelector(r.selector)}</div>
            </td>
            <td title={r.stateReason ?? undefined}>
              <Badge tone={STATE_TONE[r.state]}>{r.state}</Badge>
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
