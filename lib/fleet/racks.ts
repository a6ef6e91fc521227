import type { MachineState } from "@/lib/generated/prisma/enums";
import type { RackGroup, VersionKey } from "./rack-queries";

export interface RackSummary {
  rack: string | null;
  total: number;
  /** On their role's desired version. */
  desired: number;
  never: number;
  byVersion: Map<VersionKey, number>;
  byState: Map<MachineState, number>;
}

/** Rack totals from the grouped counts. */
export function summariseRacks(groups: RackGroup[]): RackSummary[] {
  const racks = new Map<string | null, RackSummary>();
  for (const g of groups) {
    let s = racks.get(g.rack);
    if (!s) racks.set(g.rack, (s = { rack: g.rack, total: 0, desired: 0, never: 0, byVersion: new Map(), byState: new Map() }));
    s.total += g.count;
    if (g.versionKey === "desired") s.desired += g.count;
    if (g.versionKey === "never") s.never += g.count;
    s.byVersion.set(g.versionKey, (s.byVersion.get(g.versionKey) ?? 0) + g.count);
    s.byState.set(g.state, (s.byState.get(g.state) ?? 0) + g.count);
  }
  return [...racks.values()];
}

function byName(a: RackSummary, b: RackSummary): number {
  if (a.rack === b.rack) return 0;
  if (a.rack === null) return 1;
  if (b.rack === null) return -1;
  return a.rack.localeCompare(b.rack, "en", { numeric: true });
}

/** "worst": the smallest share on the desired version first, so a stuck rack is at the top. */
export function sortRacks(racks: RackSummary[], sort: "name" | "worst"): RackSummary[] {
  const share = (r: RackSummary) => (r.total ? r.desired / r.total : 1);
  return [...racks].sort(sort === "worst" ? (a, b) => share(a) - share(b) || byName(a, b) : byName);
}

/**
 * Pages of whole racks holding about `cells` machines each (at least one rack, at most
 * `maxRacks`), so a page stays light in the browser however large the racks are.
 */
export function pageRacks<T extends { total: number }>(racks: T[], cells: number, maxRacks: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  let size = 0;
  for (const r of racks) {
    if (page.length && (size + r.total > cells || page.length >= maxRacks)) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(r);
    size += r.total;
  }
  if (page.length) pages.push(page);
  return pages;
}

export interface LegendEntry {
  key: VersionKey;
  count: number;
}

/** Version keys in legend order: desired first, then other versions by machines, never-reported last. */
export function versionLegend(racks: RackSummary[]): LegendEntry[] {
  const totals = new Map<VersionKey, number>();
  for (const r of racks) for (const [k, n] of r.byVersion) totals.set(k, (totals.get(k) ?? 0) + n);
  const rank = (k: VersionKey) => (k === "desired" ? 0 : k === "never" ? 2 : 1);
  return [...totals]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => rank(a.key) - rank(b.key) || b.count - a.count || a.key.localeCompare(b.key));
}
