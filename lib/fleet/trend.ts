export interface TrendDelta {
  roleId: string;
  /** Bucket 0 is "at or before the first point"; bucket n is "after the last but one, up to now". */
  k: number;
  converged: number;
  machines: number;
}

export interface TrendPoint {
  at: Date;
  converged: number;
  total: number;
}

/** The times of the points: `points` steps apart, aligned to the step (UTC), the last one now. */
export function trendTimes(t0: Date, now: Date, stepSeconds: number, points: number): Date[] {
  const times: Date[] = [];
  for (let k = 0; k < points; k++) times.push(new Date(t0.getTime() + k * stepSeconds * 1000));
  times.push(now);
  return times;
}

/** Running sums of the per-bucket changes: the counts at each point, per role. */
export function accumulateTrend(deltas: TrendDelta[], times: Date[]): Map<string, TrendPoint[]> {
  const byRole = new Map<string, { converged: number[]; machines: number[] }>();
  for (const d of deltas) {
    let r = byRole.get(d.roleId);
    if (!r) byRole.set(d.roleId, (r = { converged: times.map(() => 0), machines: times.map(() => 0) }));
    r.converged[d.k] += d.converged;
    r.machines[d.k] += d.machines;
  }
  const out = new Map<string, TrendPoint[]>();
  for (const [roleId, r] of byRole) {
    let converged = 0;
    let total = 0;
    out.set(
      roleId,
      times.map((at, k) => {
        converged += r.converged[k];
        total += r.machines[k];
        return { at, converged, total };
      }),
    );
  }
  return out;
}

/**
 * How many machines a series gained (or lost) from its first point with machines to its
 * last: a drop in the share that comes with new machines is new machines not yet booted
 * onto the desired version, not the fleet drifting.
 */
export function machinesAdded(points: readonly (readonly [number, number, number])[]): number {
  const first = points.find(([, , total]) => total > 0);
  const last = points[points.length - 1];
  return first && last ? last[2] - first[2] : 0;
}
