import type { BarSegment } from "@/components/ui/stacked-bar";

// One colour vocabulary for convergence everywhere on the fleet page.
export const CONVERGED = "bg-emerald-500";
export const OTHER_VERSION = "bg-amber-400 dark:bg-amber-500";
export const NEVER_REPORTED = "bg-zinc-400 dark:bg-zinc-600";

export function convergenceSegments(c: { converged: number; neverReported: number; total: number }): BarSegment[] {
  const other = c.total - c.converged - c.neverReported;
  return [
    { value: c.converged, label: "converged", className: CONVERGED },
    { value: other, label: "on another version", className: OTHER_VERSION },
    { value: c.neverReported, label: "never reported", className: NEVER_REPORTED },
  ];
}

/** Whole percent, rounded down so that "100%" only ever means all of them. */
export function percent(part: number, whole: number): string {
  return whole === 0 ? "—" : `${Math.floor((part / whole) * 100)}%`;
}
