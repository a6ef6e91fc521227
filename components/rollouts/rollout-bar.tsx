import { StackedBar } from "@/components/ui/stacked-bar";

export interface BarCounts {
  healthy: number;
  failed: number;
  inFlight: number;
  /** Skipped or cancelled. */
  settled: number;
}

/** How far a rollout (or one batch) is: healthy, failed, in flight, and skipped or cancelled, of `total`. */
export function RolloutBar({ counts, total, className }: { counts: BarCounts; total: number; className?: string }) {
  return (
    <StackedBar
      className={className}
      total={total}
      segments={[
        { value: counts.healthy, label: "healthy", className: "bg-emerald-500" },
        { value: counts.failed, label: "failed", className: "bg-red-500" },
        { value: counts.inFlight, label: "in flight", className: "bg-sky-500" },
        { value: counts.settled, label: "skipped or cancelled", className: "bg-zinc-400 dark:bg-zinc-600" },
      ]}
    />
  );
}
