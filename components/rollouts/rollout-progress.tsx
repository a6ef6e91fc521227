import type { RolloutSummary } from "@/lib/rollouts/queries";
import { formatDuration } from "./describe";
import { RolloutBar } from "./rollout-bar";

function Count({ label, value, className = "" }: { label: string; value: number; className?: string }) {
  return (
    <div>
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className={`text-2xl font-semibold tabular-nums ${className}`}>{value.toLocaleString("en")}</dd>
    </div>
  );
}

/** Done, in flight, failed and remaining, a bar of the same, and how long the rest should take. */
export function RolloutProgress({ r }: { r: RolloutSummary }) {
  const { counts, total } = r;
  const inFlight = counts.powering + counts.waiting;
  const settled = counts.skipped + counts.cancelled - r.cancelledRebooting;
  // Batches that ran to their end: a cancelled one's time is when it was cancelled.
  const finished = r.batches.filter((b) => b.finishedAt && b.seconds !== null && !b.cancelled);
  const mean = finished.length ? finished.reduce((a, b) => a + (b.seconds ?? 0), 0) / finished.length : null;
  const current = r.batches.find((b) => b.startedAt && !b.finishedAt);
  return (
    <div className="space-y-3">
      <dl className="flex flex-wrap gap-x-10 gap-y-3" aria-label="Progress">
        <Count label="Done" value={counts.healthy} className="text-emerald-700 dark:text-emerald-400" />
        <Count label="In flight" value={inFlight} className={inFlight ? "text-sky-700 dark:text-sky-400" : ""} />
        <Count label="Failed" value={counts.failed} className={counts.failed ? "text-red-700 dark:text-red-400" : ""} />
        <Count label="Remaining" value={counts.pending} />
        {r.cancelledRebooting ? <Count label="Cancelled while rebooting" value={r.cancelledRebooting} className="text-amber-700 dark:text-amber-400" /> : null}
        {settled ? <Count label="Skipped or cancelled" value={settled} className="text-zinc-500 dark:text-zinc-400" /> : null}
        <Count label="Machines" value={total} />
      </dl>
      <RolloutBar className="w-full max-w-3xl" counts={{ healthy: counts.healthy, failed: counts.failed, inFlight, settled: settled + r.cancelledRebooting }} total={total} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        {r.batches.length.toLocaleString("en")} batch{r.batches.length === 1 ? "" : "es"}
        {mean !== null ? (
          <>
            , {finished.length.toLocaleString("en")} finished
            {finished.length === 1 ? <> after {mean < 1 ? "under a second" : formatDuration(mean)}</> : <>, {mean < 1 ? "under a second" : formatDuration(mean)} each on average</>}
          </>
        ) : null}
        {current?.seconds != null ? <> · batch {current.batch} running for {formatDuration(current.seconds)}</> : null}
        {r.remainingSeconds ? (
          <>
            {" "}· <span className="font-medium text-zinc-800 dark:text-zinc-200">about {formatDuration(r.remainingSeconds)} left</span>
          </>
        ) : null}
        {r.finishedAt ? <> · finished after {formatDuration((r.finishedAt.getTime() - r.createdAt.getTime()) / 1000)}</> : null}
      </p>
    </div>
  );
}
