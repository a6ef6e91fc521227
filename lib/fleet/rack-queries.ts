import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MachineState } from "@/lib/generated/prisma/enums";
import { filterConditions } from "./drift-where";
import { pageRacks, sortRacks, summariseRacks, versionLegend } from "./racks";
import type { RackQuery } from "./schema";

/** What colours a machine by version: on its role's desired version, another version (id), or none reported. */
export type VersionKey = "desired" | "never" | string;

export interface RackGroup {
  rack: string | null;
  versionKey: VersionKey;
  state: MachineState;
  count: number;
}

function where(f: { role?: string; rack?: string }): Prisma.Sql {
  const conds = filterConditions(f);
  return conds.length ? Prisma.join(conds, " AND ") : Prisma.sql`TRUE`;
}

// The version key in SQL, so that a group is already what a cell is coloured by.
const VERSION_KEY = Prisma.sql`
  CASE WHEN m.booted_version_id IS NULL THEN 'never'
       WHEN m.booted_version_id = r.desired_version_id THEN 'desired'
       ELSE m.booted_version_id::text END`;

/**
 * Machines per rack, version key and state: one GROUP BY over the fleet, a few thousand
 * groups at most, from which the rack summaries, the page split and the legend are built.
 */
export async function groupRacks(f: { role?: string; rack?: string }): Promise<RackGroup[]> {
  return db.$queryRaw<RackGroup[]>`
    SELECT m.rack, ${VERSION_KEY} AS "versionKey", m.state, count(*)::int AS count
    FROM machines m LEFT JOIN roles r ON r.id = m.role_id
    WHERE ${where(f)}
    GROUP BY 1, 2, 3`;
}

export interface RackCell {
  rack: string | null;
  hostname: string;
  role: string | null;
  state: MachineState;
  maintenance: boolean;
  versionKey: VersionKey;
}

/** The machines of the racks on one page, in rack and hostname order. */
export async function listRackCells(f: { role?: string }, racks: (string | null)[]): Promise<RackCell[]> {
  const named = racks.filter((r): r is string => r !== null);
  const rackCond = racks.includes(null)
    ? Prisma.sql`(m.rack = ANY(${named}::text[]) OR m.rack IS NULL)`
    : Prisma.sql`m.rack = ANY(${named}::text[])`;
  return db.$queryRaw<RackCell[]>`
    SELECT m.rack, m.hostname, r.name AS role, m.state, m.maintenance, ${VERSION_KEY} AS "versionKey"
    FROM machines m LEFT JOIN roles r ON r.id = m.role_id
    WHERE ${where(f)} AND ${rackCond}
    ORDER BY m.rack NULLS LAST, m.hostname`;
}

/** "<image>:<version>" for version ids. */
export async function versionLabels(ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.imageVersion.findMany({
    where: { id: { in: ids } },
    select: { id: true, version: true, image: { select: { name: true } } },
  });
  return new Map(rows.map((v) => [v.id, `${v.image.name}:${v.version}`]));
}

/** About this many machine cells per page of racks. */
export const RACK_PAGE_CELLS = 4000;
const RACK_PAGE_MAX_RACKS = 40;

/**
 * The rack view: every rack's summary (from one GROUP BY), whole racks paged by cell
 * count, and the machines of the racks on this page (one query) — never a query per
 * rack or per machine.
 */
export async function getRackView(q: RackQuery) {
  const [groups, desired] = await Promise.all([
    groupRacks(q),
    q.role && q.role !== "-" ? desiredVersionOf(q.role) : Promise.resolve(null),
  ]);
  const summaries = sortRacks(summariseRacks(groups), q.sort);
  const pages = pageRacks(summaries, RACK_PAGE_CELLS, RACK_PAGE_MAX_RACKS);
  const page = Math.min(q.page, Math.max(pages.length, 1));
  const racks = pages[page - 1] ?? [];
  const legend = versionLegend(summaries);
  const states = new Map<MachineState, number>();
  for (const r of summaries) for (const [state, n] of r.byState) states.set(state, (states.get(state) ?? 0) + n);
  const [cells, labels] = await Promise.all([
    racks.length ? listRackCells(q, racks.map((r) => r.rack)) : Promise.resolve([]),
    versionLabels(legend.map((l) => l.key).filter((k) => k !== "desired" && k !== "never")),
  ]);
  return {
    racks,
    cells,
    legend,
    labels,
    /** Machines per state over all racks, for the state legend. */
    states,
    desiredVersion: desired,
    page,
    pageCount: pages.length,
    rackCount: summaries.length,
    machineCount: summaries.reduce((n, r) => n + r.total, 0),
  };
}

export type RackView = Awaited<ReturnType<typeof getRackView>>;

async function desiredVersionOf(role: string): Promise<string | null> {
  const r = await db.role.findUnique({
    where: { name: role },
    select: { desiredVersion: { select: { version: true, image: { select: { name: true } } } } },
  });
  return r?.desiredVersion ? `${r.desiredVersion.image.name}:${r.desiredVersion.version}` : null;
}
