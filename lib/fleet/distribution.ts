import type { RoleHomogeneity } from "./queries";

/**
 * The parts of a role's version-distribution bar: its desired version, then the other
 * versions most machines first (each role has its own, so they are coloured by rank and
 * named in the bar, not by a fleet-wide legend), the rest together, and never-reported.
 */
export const SEGMENT_KEYS = ["desired", "other1", "other2", "other3", "other4", "more", "never"] as const;
export type SegmentKey = (typeof SEGMENT_KEYS)[number];
const OTHERS = ["other1", "other2", "other3", "other4"] as const;

export interface DistributionRow {
  role: string;
  total: number;
  desiredVersion: string | null;
  counts: Record<SegmentKey, number>;
  /** What each part is, in words: a version, "3 more versions", "never reported". */
  names: Partial<Record<SegmentKey, string>>;
}

export function distributionRows(roles: RoleHomogeneity[]): DistributionRow[] {
  return roles
    .filter((r) => r.total > 0)
    .map((r) => {
      const counts = Object.fromEntries(SEGMENT_KEYS.map((k) => [k, 0])) as Record<SegmentKey, number>;
      const names: DistributionRow["names"] = {};
      const others = r.versions.filter((v) => !v.desired).sort((a, b) => b.count - a.count || a.version.localeCompare(b.version));
      const desired = r.versions.find((v) => v.desired);
      if (desired) {
        counts.desired = desired.count;
        names.desired = `${desired.version} (desired)`;
      }
      const named = others.slice(0, OTHERS.length);
      named.forEach((v, i) => {
        counts[OTHERS[i]] = v.count;
        names[OTHERS[i]] = v.version;
      });
      const rest = others.slice(named.length);
      if (rest.length) {
        counts.more = rest.reduce((n, v) => n + v.count, 0);
        // A single leftover version is named like the others rather than as "1 more".
        names.more = rest.length === 1 ? rest[0].version : `${rest.length} more versions`;
      }
      if (r.neverReported) {
        counts.never = r.neverReported;
        names.never = "never reported";
      }
      return { role: r.role ?? "(no role)", total: r.total, desiredVersion: r.desiredVersion, counts, names };
    });
}

/** The chart's text alternative: every role's parts in words. */
export function describeDistribution(rows: DistributionRow[]): string {
  return rows
    .map((r) => {
      const parts = SEGMENT_KEYS.filter((k) => r.counts[k] > 0).map((k) => `${r.counts[k]} ${k === "never" ? "" : "on "}${r.names[k]}`);
      return `${r.role}: ${parts.join(", ") || "no machines"}`;
    })
    .join("; ");
}
