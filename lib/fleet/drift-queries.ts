import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { DRIFT_COLUMNS, DRIFT_FROM, driftOrder, driftWhere, filterConditions, kindCondition } from "./drift-where";
import type { DriftFilter, DriftKind, DriftListQuery } from "./schema";

export interface DriftRow {
  id: string;
  hostname: string;
  role: string | null;
  rack: string | null;
  state: string;
  maintenance: boolean;
  bootedVersion: string | null;
  desiredVersion: string | null;
  lastBootAt: Date | null;
  lastSeenAt: Date | null;
  reportedSha256: string | null;
  expectedSha256: string | null;
}

interface RawRow {
  id: string;
  hostname: string;
  role: string | null;
  rack: string | null;
  state: string;
  maintenance: boolean;
  booted_version: string | null;
  desired_version: string | null;
  last_boot_at: Date | null;
  last_seen_at: Date | null;
  reported_sha256: string | null;
  expected_sha256: string | null;
}

function toRow(r: RawRow): DriftRow {
  return {
    id: r.id,
    hostname: r.hostname,
    role: r.role,
    rack: r.rack,
    state: r.state,
    maintenance: r.maintenance,
    bootedVersion: r.booted_version,
    desiredVersion: r.desired_version,
    lastBootAt: r.last_boot_at,
    lastSeenAt: r.last_seen_at,
    reportedSha256: r.reported_sha256,
    expectedSha256: r.expected_sha256,
  };
}

/** One page of a drift list, in the requested order (offset pages: the order is the user's choice). */
export async function listDrift(q: DriftListQuery): Promise<DriftRow[]> {
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${DRIFT_COLUMNS} ${DRIFT_FROM}
    WHERE ${driftWhere(q)}
    ORDER BY ${driftOrder(q.sort, q.dir)}
    LIMIT ${q.limit} OFFSET ${(q.page - 1) * q.limit}`;
  return rows.map(toRow);
}

/**
 * The next `size` rows after `after` in hostname order: the CSV export walks the whole
 * list this way, so it never holds more than one batch, however large the fleet.
 */
export async function listDriftBatch(f: DriftFilter, after: string, size: number): Promise<DriftRow[]> {
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT ${DRIFT_COLUMNS} ${DRIFT_FROM}
    WHERE ${driftWhere(f, after)}
    ORDER BY m.hostname LIMIT ${size}`;
  return rows.map(toRow);
}

export interface DriftRoleGroup {
  /** null: machines without a role. */
  role: string | null;
  count: number;
  /** All its hostnames in name order when there are at most `limit`, else none. */
  hostnames: string[];
}

/**
 * The list's machines per role: a rollout is per role, so "roll these" is too. Hostnames
 * only for roles with at most `limit` machines in the list (a larger group is rolled by
 * selector), so a list of 50,000 never builds an array of 50,000 names.
 */
export async function groupDriftByRole(f: DriftFilter, limit: number): Promise<DriftRoleGroup[]> {
  const counts = await db.$queryRaw<{ role: string | null; count: number }[]>`
    SELECT r.name AS role, count(*)::int AS count
    ${DRIFT_FROM}
    WHERE ${driftWhere(f)}
    GROUP BY r.name
    ORDER BY r.name NULLS LAST`;
  const small = counts.filter((g) => g.count <= limit);
  if (small.length === 0) return counts.map((g) => ({ ...g, hostnames: [] }));
  const roles = small.filter((g) => g.role !== null).map((g) => g.role!);
  const orphans = small.some((g) => g.role === null);
  const named = await db.$queryRaw<{ role: string | null; hostnames: string[] }[]>`
    SELECT r.name AS role, array_agg(m.hostname ORDER BY m.hostname) AS hostnames
    ${DRIFT_FROM}
    WHERE ${driftWhere(f)} AND (r.name = ANY(${roles}::text[]) ${orphans ? Prisma.sql`OR m.role_id IS NULL` : Prisma.empty})
    GROUP BY r.name`;
  const byRole = new Map(named.map((g) => [g.role, g.hostnames]));
  return counts.map((g) => ({ ...g, hostnames: byRole.get(g.role) ?? [] }));
}

export type DriftCounts = Record<DriftKind, number>;

/** How many machines each list holds under the same role/rack filter, in one scan. */
export async function countDrift(f: Omit<DriftFilter, "kind">): Promise<DriftCounts> {
  const conds = filterConditions(f);
  const where = conds.length ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
  const [row] = await db.$queryRaw<DriftCounts[]>`
    SELECT count(*) FILTER (WHERE ${kindCondition("version", f.days)})::int AS version,
           count(*) FILTER (WHERE ${kindCondition("stale", f.days)})::int AS stale,
           count(*) FILTER (WHERE ${kindCondition("hash", f.days)})::int AS hash
    FROM machines m
    LEFT JOIN roles r ON r.id = m.role_id
    LEFT JOIN image_versions bv ON bv.id = m.booted_version_id
    WHERE ${where}`;
  return row;
}

/** A page of a list with its total, for the JSON API. */
export async function getDriftPage(q: DriftListQuery) {
  const [items, counts] = await Promise.all([listDrift(q), countDrift(q)]);
  return { kind: q.kind, page: q.page, limit: q.limit, total: counts[q.kind], items };
}
