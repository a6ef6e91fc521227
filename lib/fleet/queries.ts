import { db } from "@/lib/db";
import type { MachineState } from "@/lib/generated/prisma/enums";

// Versions are named "<image>:<version>", the way a role's desired version is set and
// shown by the roles API, so the two can be compared as they are.
export interface VersionCount {
  version: string;
  count: number;
  desired: boolean;
}

export interface RoleHomogeneity {
  /** null for machines that have no role yet. */
  role: string | null;
  desiredVersion: string | null;
  total: number;
  converged: number;
  /** Reported a version other than the desired one (0 when the role has no desired version). */
  drifted: number;
  /** No booted version on record: never reported in, or its version was since deleted. */
  neverReported: number;
  versions: VersionCount[];
}

export interface FleetHomogeneity {
  total: number;
  converged: number;
  drifted: number;
  neverReported: number;
  roles: RoleHomogeneity[];
}

/**
 * Desired versus booted image version, per role. One GROUP BY (role, booted version)
 * does the counting in Postgres; only the groups, the roles and the versions they name
 * come back, so the cost does not grow with the number of machines held in memory.
 */
export async function getFleetHomogeneity(): Promise<FleetHomogeneity> {
  const [groups, roles] = await Promise.all([
    db.machine.groupBy({ by: ["roleId", "bootedVersionId"], _count: { _all: true } }),
    db.role.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, desiredVersionId: true } }),
  ]);
  const versionIds = new Set<string>();
  for (const g of groups) if (g.bootedVersionId) versionIds.add(g.bootedVersionId);
  for (const r of roles) if (r.desiredVersionId) versionIds.add(r.desiredVersionId);
  const versions = new Map(
    (
      await db.imageVersion.findMany({
        where: { id: { in: [...versionIds] } },
        select: { id: true, version: true, image: { select: { name: true } } },
      })
    ).map((v) => [v.id, `${v.image.name}:${v.version}`]),
  );

  const newRow = (role: string | null, desiredId: string | null) => {
    const counts = { total: 0, converged: 0, drifted: 0, neverReported: 0, versions: [] as VersionCount[] };
    return { role, desiredVersion: (desiredId && versions.get(desiredId)) || null, desiredId, ...counts };
  };
  const rows = new Map(roles.map((r) => [r.id as string | null, newRow(r.name, r.desiredVersionId)]));

  for (const g of groups) {
    if (!rows.has(g.roleId)) rows.set(g.roleId, newRow(null, null));
    const row = rows.get(g.roleId)!;
    const count = g._count._all;
    row.total += count;
    const booted = g.bootedVersionId ? versions.get(g.bootedVersionId) : undefined;
    if (!booted) {
      row.neverReported += count;
      continue;
    }
    const desired = g.bootedVersionId === row.desiredId;
    if (desired) row.converged += count;
    else if (row.desiredId) row.drifted += count;
    row.versions.push({ version: booted, count, desired });
  }

  const list = [...rows.values()].map(({ desiredId: _, ...row }) => ({
    ...row,
    versions: row.versions.sort((a, b) => Number(b.desired) - Number(a.desired) || b.count - a.count || a.version.localeCompare(b.version)),
  }));
  // Machines without a role come last; roles are already in name order.
  list.sort((a, b) => Number(a.role === null) - Number(b.role === null));
  const sum = (key: "total" | "converged" | "drifted" | "neverReported") => list.reduce((n, r) => n + r[key], 0);
  return { total: sum("total"), converged: sum("converged"), drifted: sum("drifted"), neverReported: sum("neverReported"), roles: list };
}

export type StateCounts = Record<MachineState, number> & { maintenance: number; total: number };

/** How many machines are in each state, and how many are flagged for maintenance. */
export async function countMachineStates(): Promise<StateCounts> {
  const [groups, maintenance] = await Promise.all([
    db.machine.groupBy({ by: ["state"], _count: { _all: true } }),
    db.machine.count({ where: { maintenance: true } }),
  ]);
  const counts: StateCounts = { new: 0, booting: 0, deploying: 0, ready: 0, failed: 0, rebooting: 0, maintenance, total: 0 };
  for (const g of groups) {
    counts[g.state] = g._count._all;
    counts.total += g._count._all;
  }
  return counts;
}
