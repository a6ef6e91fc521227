import { Prisma } from "@/lib/generated/prisma/client";
import type { DriftFilter, DriftKind, DriftSort } from "./schema";

/**
 * Every drift list reads machines with their role, the version they booted and the one
 * their role wants. LEFT JOINs on primary keys: a query that uses none of a join's
 * columns (the counts) has the join removed by the planner.
 */
export const DRIFT_FROM = Prisma.sql`
  FROM machines m
  LEFT JOIN roles r ON r.id = m.role_id
  LEFT JOIN image_versions bv ON bv.id = m.booted_version_id
  LEFT JOIN images bi ON bi.id = bv.image_id
  LEFT JOIN image_versions dv ON dv.id = r.desired_version_id
  LEFT JOIN images di ON di.id = dv.image_id`;

export const DRIFT_COLUMNS = Prisma.sql`
  m.id, m.hostname, r.name AS role, m.rack, m.state::text AS state, m.maintenance,
  bi.name || ':' || bv.version AS booted_version,
  di.name || ':' || dv.version AS desired_version,
  m.last_boot_at, m.last_seen_at,
  m.booted_image_sha256 AS reported_sha256, bv.sha256 AS expected_sha256`;

/**
 * What each list means. Machines that never reported a version are not "on another
 * version" (the Fleet page counts them apart), and a hash can only mismatch when both
 * the machine reported one and the version has one on record.
 */
export function kindCondition(kind: DriftKind, days: number): Prisma.Sql {
  switch (kind) {
    case "version":
      return Prisma.sql`(r.desired_version_id IS NOT NULL AND m.booted_version_id IS NOT NULL AND m.booted_version_id <> r.desired_version_id)`;
    case "stale":
      // A live-booted machine runs what it booted: its software is as old as its last boot.
      // A machine that reported a version but has no boot time on record is as suspect.
      return Prisma.sql`(m.last_boot_at < now() - make_interval(days => ${days}::int) OR (m.last_boot_at IS NULL AND m.booted_version_id IS NOT NULL))`;
    case "hash":
      // The plain comparison first: equal hashes (nearly all) never reach lower().
      return Prisma.sql`(m.booted_image_sha256 <> bv.sha256 AND lower(m.booted_image_sha256) <> lower(bv.sha256))`;
  }
}

/** Role and rack filters; "-" selects machines without one. */
export function filterConditions(f: { role?: string; rack?: string }): Prisma.Sql[] {
  const conds: Prisma.Sql[] = [];
  if (f.role === "-") conds.push(Prisma.sql`m.role_id IS NULL`);
  else if (f.role) conds.push(Prisma.sql`r.name = ${f.role}`);
  if (f.rack === "-") conds.push(Prisma.sql`m.rack IS NULL`);
  else if (f.rack) conds.push(Prisma.sql`m.rack = ${f.rack}`);
  return conds;
}

export function driftWhere(f: DriftFilter, after?: string): Prisma.Sql {
  const conds = [kindCondition(f.kind, f.days), ...filterConditions(f)];
  if (after !== undefined) conds.push(Prisma.sql`m.hostname > ${after}`);
  return Prisma.join(conds, " AND ");
}

// Versions sort by when they were published, not by their label ("2026.9" < "2026.10").
// Unknown boot times sort as the oldest.
const ORDER: Record<DriftSort, { asc: Prisma.Sql; desc: Prisma.Sql }> = {
  hostname: { asc: Prisma.sql`m.hostname ASC`, desc: Prisma.sql`m.hostname DESC` },
  role: { asc: Prisma.sql`r.name ASC NULLS LAST, m.hostname`, desc: Prisma.sql`r.name DESC NULLS LAST, m.hostname` },
  rack: { asc: Prisma.sql`m.rack ASC NULLS LAST, m.hostname`, desc: Prisma.sql`m.rack DESC NULLS LAST, m.hostname` },
  version: { asc: Prisma.sql`bv.created_at ASC NULLS FIRST, m.hostname`, desc: Prisma.sql`bv.created_at DESC NULLS LAST, m.hostname` },
  lastBoot: { asc: Prisma.sql`m.last_boot_at ASC NULLS FIRST, m.hostname`, desc: Prisma.sql`m.last_boot_at DESC NULLS LAST, m.hostname` },
};

export function driftOrder(sort: DriftSort, dir: "asc" | "desc"): Prisma.Sql {
  return ORDER[sort][dir];
}
