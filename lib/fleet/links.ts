import { DEFAULT_STALE_DAYS, type DriftListQuery, type RackQuery } from "./schema";

type Params = Partial<Record<keyof DriftListQuery, string | number | undefined>>;

const DEFAULTS: Params = { kind: "version", days: DEFAULT_STALE_DAYS, sort: "hostname", dir: "asc", page: 1, limit: 50 };

/** A drift list's URL: the current query with some parts changed, defaults left out so links stay short. */
export function driftHref(q: Params, change: Params = {}, base = "/fleet/drift"): string {
  const params = new URLSearchParams();
  const merged: Params = { ...q, ...change };
  for (const key of ["kind", "role", "rack", "days", "sort", "dir", "page", "limit"] as const) {
    const value = merged[key];
    if (value === undefined || value === "" || String(value) === String(DEFAULTS[key])) continue;
    // The threshold only means something for the stale list.
    if (key === "days" && merged.kind !== "stale") continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}

/** The CSV of a whole list (all pages) under the same filters. */
export function driftCsvHref(q: Params): string {
  const { kind, role, rack, days } = q;
  const params = new URLSearchParams({ kind: String(kind ?? "version") });
  if (role) params.set("role", String(role));
  if (rack) params.set("rack", String(rack));
  if (kind === "stale") params.set("days", String(days ?? DEFAULT_STALE_DAYS));
  return `/api/fleet/drift.csv?${params}`;
}

/** Hostnames fit in a link up to about this many; beyond it the link carries the selector instead. */
export const ROLL_HOSTNAMES_MAX = 100;

/**
 * "Roll these": a prefilled rollout of one role — its machines by name when they fit in
 * a URL, otherwise the list's selector (role, rack, drift kind, threshold).
 */
export function rolloutHref(role: string, group: { count: number; hostnames: string[] }, q: Params): string {
  const params = new URLSearchParams({ role });
  if (group.count <= ROLL_HOSTNAMES_MAX && group.hostnames.length === group.count) {
    // Commas stay literal (hostnames hold none), so the list reads as it is in the URL.
    return `/rollouts/new?${params}&machines=${group.hostnames.map(encodeURIComponent).join(",")}`;
  } else {
    if (q.rack) params.set("rack", String(q.rack));
    params.set("drift", String(q.kind ?? "version"));
    if (q.kind === "stale") params.set("days", String(q.days ?? DEFAULT_STALE_DAYS));
  }
  return `/rollouts/new?${params}`;
}

/** A rack view's URL, defaults left out. */
export function rackHref(q: Partial<RackQuery>, change: Partial<RackQuery> = {}): string {
  const m = { ...q, ...change };
  const params = new URLSearchParams();
  if (m.role) params.set("role", m.role);
  if (m.by && m.by !== "version") params.set("by", m.by);
  if (m.sort && m.sort !== "name") params.set("sort", m.sort);
  if (m.page && m.page > 1) params.set("page", String(m.page));
  const s = params.toString();
  return s ? `/fleet/racks?${s}` : "/fleet/racks";
}
