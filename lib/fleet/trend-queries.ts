import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { TREND_RANGES, type TrendQuery } from "./schema";
import { accumulateTrend, trendTimes, type TrendDelta, type TrendPoint } from "./trend";

/**
 * Per role with a desired version, how many of its machines ran that version, and how
 * many machines it had, as changes per bucket between the points (summed up in trend.ts).
 *
 * What a machine ran when: a live-booted machine changes software only by booting, and a
 * boot that reported in left an observation — its deployment row (queued when it
 * reported, with the version it booted) and, for the latest boot, the machine row itself
 * (last_boot_at, booted_version_id). A machine ran an observation's version until its
 * next observation; before its first one, what it ran is unknown and it does not count.
 * Measured against the role's *current* desired version and *current* members.
 *
 * The cost follows the window's activity, not the length of history: a machine that did
 * not boot inside the window ran one thing throughout — what its latest observation
 * before the window says (its machine row, or one index probe into its deployments).
 * Only machines that booted in the window have their observations ordered, starting
 * with a synthetic one at the window's start carrying what they ran then.
 */
async function queryDeltas(t0: Date, step: number, n: number, role?: string): Promise<TrendDelta[]> {
  const roleFilter = role ? Prisma.sql`AND r.name = ${role}` : Prisma.empty;
  const bucket = (col: Prisma.Sql) =>
    Prisma.sql`LEAST(${n}::int, GREATEST(0, ceil(date_part('epoch', ${col} - ${t0}::timestamptz) / ${step}::int)::int))`;
  return db.$queryRaw<TrendDelta[]>`
    WITH fm AS (
      -- A machine is a member from its registration, or from its recorded boot when that is
      -- earlier (a machine imported with its boot time already ran something then).
      SELECT m.id, m.role_id, r.desired_version_id AS want, m.last_boot_at AS b_at, m.booted_version_id AS b_v,
             LEAST(m.created_at, m.last_boot_at) AS created_at
      FROM machines m JOIN roles r ON r.id = m.role_id
      WHERE r.desired_version_id IS NOT NULL ${roleFilter}
    ), base AS MATERIALIZED (
      -- What each machine ran at the window's start, and whether it booted inside the window.
      SELECT fm.id, fm.role_id, fm.created_at, fm.want, fm.b_at, fm.b_v,
             CASE WHEN fm.b_at IS NOT NULL THEN fm.b_at > ${t0}::timestamptz
                  ELSE EXISTS (SELECT 1 FROM deployments d WHERE d.machine_id = fm.id AND d.queued_at > ${t0}::timestamptz) END AS moved,
             coalesce(CASE WHEN fm.b_at <= ${t0}::timestamptz AND fm.b_v IS NOT NULL THEN fm.b_v = fm.want
                           ELSE (SELECT d.image_version_id IS NOT DISTINCT FROM fm.want FROM deployments d
                                 WHERE d.machine_id = fm.id AND d.queued_at <= ${t0}::timestamptz
                                 ORDER BY d.queued_at DESC LIMIT 1) END, false) AS ok
      FROM fm
    ), obs AS (
      -- Of a machine that booted in the window: what it ran at the start, its earlier boots
      -- inside the window (a deployment after its latest boot belongs to that boot and adds
      -- nothing), and its latest boot.
      SELECT id AS machine_id, role_id, created_at, ${t0}::timestamptz AS at, -1 AS src, ok FROM base WHERE moved
      UNION ALL
      SELECT d.machine_id, b.role_id, b.created_at, d.queued_at, 0, d.image_version_id IS NOT DISTINCT FROM b.want
      FROM deployments d JOIN base b ON b.id = d.machine_id
      WHERE b.moved AND d.queued_at > ${t0}::timestamptz AND (b.b_at IS NULL OR d.queued_at < b.b_at)
      UNION ALL
      SELECT id, role_id, created_at, b_at, 1, coalesce(b_v = want, false) FROM base WHERE b_at > ${t0}::timestamptz
    ), runs AS MATERIALIZED (
      SELECT role_id, created_at, ok, at, lead(at) OVER (PARTITION BY machine_id ORDER BY at, src) AS until FROM obs
    ), deltas AS (
      -- A machine counts, as a member and as converged, only from when it is a member.
      SELECT role_id, created_at AS at, 0 AS conv, 1 AS machines FROM base
      UNION ALL SELECT role_id, GREATEST(${t0}::timestamptz, created_at), 1, 0 FROM base WHERE ok AND NOT moved
      UNION ALL SELECT role_id, GREATEST(at, created_at), 1, 0 FROM runs WHERE ok
      UNION ALL SELECT role_id, GREATEST(until, created_at), -1, 0 FROM runs WHERE ok AND until IS NOT NULL
    )
    SELECT role_id AS "roleId", ${bucket(Prisma.sql`at`)} AS k, sum(conv)::int AS converged, sum(machines)::int AS machines
    FROM deltas GROUP BY 1, 2`;
}

export interface RolloutMark {
  id: string;
  name: string;
  state: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface RoleTrend {
  role: string;
  desiredVersion: string;
  points: TrendPoint[];
  rollouts: RolloutMark[];
}

export interface FleetTrend {
  range: TrendQuery["range"];
  stepSeconds: number;
  from: Date;
  to: Date;
  roles: RoleTrend[];
  /** Roles that converge on nothing, so have no line. */
  withoutDesired: string[];
}

export async function getConvergenceTrend(q: TrendQuery): Promise<FleetTrend> {
  const { stepSeconds: step, points: n } = TREND_RANGES[q.range];
  // Database time: the points line up with what the rows say, whatever the app server's clock.
  const [{ t0, now }] = await db.$queryRaw<{ t0: Date; now: Date }[]>`
    SELECT date_bin(make_interval(secs => ${step}::int), now(), TIMESTAMPTZ '2000-01-01 00:00:00+00')
             - make_interval(secs => ${step * (n - 1)}::int) AS t0, now() AS now`;
  const [deltas, roles, marks] = await Promise.all([
    queryDeltas(t0, step, n, q.role),
    db.role.findMany({
      where: q.role ? { name: q.role } : {},
      orderBy: { name: "asc" },
      select: { id: true, name: true, desiredVersion: { select: { version: true, image: { select: { name: true } } } } },
    }),
    listRolloutMarks(t0),
  ]);
  const times = trendTimes(t0, now, step, n);
  const points = accumulateTrend(deltas, times);
  return {
    range: q.range,
    stepSeconds: step,
    from: t0,
    to: now,
    roles: roles
      .filter((r) => r.desiredVersion)
      .map((r) => ({
        role: r.name,
        desiredVersion: `${r.desiredVersion!.image.name}:${r.desiredVersion!.version}`,
        points: points.get(r.id) ?? times.map((at) => ({ at, converged: 0, total: 0 })),
        rollouts: marks.get(r.name) ?? [],
      })),
    withoutDesired: roles.filter((r) => !r.desiredVersion).map((r) => r.name),
  };
}

/** Rollouts that ran in the window, per role of their selector, to mark on the chart. */
async function listRolloutMarks(from: Date): Promise<Map<string, RolloutMark[]>> {
  const rows = await db.rollout.findMany({
    where: { OR: [{ createdAt: { gte: from } }, { finishedAt: { gte: from } }] },
    orderBy: { createdAt: "asc" },
    take: 500,
    select: { id: true, name: true, state: true, selector: true, createdAt: true, finishedAt: true },
  });
  const marks = new Map<string, RolloutMark[]>();
  for (const r of rows) {
    const role = (r.selector as { role?: unknown } | null)?.role;
    if (typeof role !== "string") continue;
    const list = marks.get(role) ?? [];
    list.push({ id: r.id, name: r.name, state: r.state, startedAt: r.createdAt, finishedAt: r.finishedAt });
    marks.set(role, list);
  }
  return marks;
}
