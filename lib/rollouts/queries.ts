import { db } from "@/lib/db";
import type { RolloutStepState } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";
import { awaitingApproval } from "./canary";

export type StepCounts = Record<RolloutStepState, number>;

const NO_STEPS: StepCounts = { pending: 0, powering: 0, waiting: 0, healthy: 0, failed: 0, skipped: 0, cancelled: 0 };

/**
 * Rollouts newest first, each with how many of its steps are in each state. The counts
 * come from one GROUP BY over the page's rollouts, not from loading their steps.
 */
export const ROLLOUT_LIST_LIMIT = 100;

export async function listRollouts(limit = ROLLOUT_LIST_LIMIT) {
  const rollouts = await db.rollout.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      selector: true,
      state: true,
      stateReason: true,
      createdBy: true,
      createdAt: true,
      finishedAt: true,
      canary: true,
      canaryApprovedAt: true,
      waitReason: true,
      targetVersion: { select: { version: true, image: { select: { name: true } } } },
    },
  });
  const groups = rollouts.length
    ? await db.rolloutStep.groupBy({
        by: ["rolloutId", "state"],
        where: { rolloutId: { in: rollouts.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  const counts = new Map<string, StepCounts>();
  for (const g of groups) {
    const c = counts.get(g.rolloutId) ?? { ...NO_STEPS };
    c[g.state] = g._count._all;
    counts.set(g.rolloutId, c);
  }
  return rollouts.map(({ targetVersion, canary, canaryApprovedAt, waitReason, ...r }) => {
    const steps = counts.get(r.id) ?? { ...NO_STEPS };
    return {
      ...r,
      awaitingApproval: awaitingApproval({ state: r.state, canary, canaryApprovedAt, waitReason }),
      targetVersion: targetVersion ? { image: targetVersion.image.name, version: targetVersion.version } : null,
      steps,
      total: Object.values(steps).reduce((a, b) => a + b, 0),
    };
  });
}

export type RolloutListItem = Awaited<ReturnType<typeof listRollouts>>[number];

export interface RolloutBatch {
  batch: number;
  total: number;
  healthy: number;
  failed: number;
  inFlight: number;
  pending: number;
  /** Steps cancelled before they finished: the batch's time says when it was cancelled, not how long it took. */
  cancelled: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  seconds: number | null;
}

interface BatchRow {
  batch: number;
  pending: number;
  powering: number;
  waiting: number;
  healthy: number;
  failed: number;
  skipped: number;
  cancelled: number;
  cancelled_rebooting: number;
  started_at: Date | null;
  finished_at: Date | null;
}

async function findRolloutOrThrow(ref: string) {
  if (!isUuid(ref)) throw new AppError("not_found", `no rollout "${ref}"`);
  const rollout = await db.rollout.findUnique({
    where: { id: ref.toLowerCase() },
    include: { targetVersion: { select: { version: true, image: { select: { name: true } } } } },
  });
  if (!rollout) throw new AppError("not_found", `no rollout "${ref}"`);
  return rollout;
}

/**
 * One rollout without its steps: counts, the time each batch took and an estimate of the
 * rest (the mean finished batch times the batches left, less what the current one has
 * run). Aggregated in the database, so it costs the same for 10 steps or 10,000. Times
 * come from the database's clock.
 */
export async function getRolloutSummary(ref: string) {
  const rollout = await findRolloutOrThrow(ref);
  const rows = await db.$queryRaw<(BatchRow & { now: Date })[]>`
    SELECT batch,
           count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*) FILTER (WHERE state = 'powering')::int AS powering,
           count(*) FILTER (WHERE state = 'waiting')::int AS waiting, count(*) FILTER (WHERE state = 'healthy')::int AS healthy,
           count(*) FILTER (WHERE state = 'failed')::int AS failed, count(*) FILTER (WHERE state = 'skipped')::int AS skipped,
           count(*) FILTER (WHERE state = 'cancelled')::int AS cancelled,
           count(*) FILTER (WHERE state = 'cancelled' AND intent_at IS NOT NULL)::int AS cancelled_rebooting,
           min(intent_at) AS started_at, max(finished_at) AS finished_at, now() AS now
    FROM rollout_steps WHERE rollout_id = ${rollout.id}::uuid
    GROUP BY batch ORDER BY batch`;
  const now = rows[0]?.now ?? (await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`)[0].now;
  const counts: StepCounts = { ...NO_STEPS };
  let cancelledRebooting = 0;
  const list: RolloutBatch[] = rows.map((r) => {
    for (const state of Object.keys(NO_STEPS) as RolloutStepState[]) counts[state] += r[state];
    const inFlight = r.powering + r.waiting;
    const open = r.pending + inFlight > 0;
    const finishedAt = open ? null : r.finished_at;
    const seconds = r.started_at ? Math.round(((finishedAt ?? now).getTime() - r.started_at.getTime()) / 1000) : null;
    const total = Object.keys(NO_STEPS).reduce((a, state) => a + r[state as RolloutStepState], 0);
    cancelledRebooting += r.cancelled_rebooting;
    return { batch: r.batch, total, healthy: r.healthy, failed: r.failed, inFlight, pending: r.pending, cancelled: r.cancelled, startedAt: r.started_at, finishedAt, seconds };
  });
  // A cancelled batch's time is when it was cancelled, not what a batch takes.
  const finished = list.filter((b) => b.startedAt && !b.pending && !b.inFlight && !b.cancelled);
  const mean = finished.length ? finished.reduce((a, b) => a + (b.seconds ?? 0), 0) / finished.length : null;
  const running = list.find((b) => b.startedAt && (b.pending || b.inFlight));
  const notStarted = list.filter((b) => !b.startedAt).length;
  // No estimate while paused or waiting for a canary's approval: nothing moves until someone acts.
  const waitsForApproval = awaitingApproval(rollout);
  const remainingSeconds = rollout.state === "running" && !waitsForApproval && mean !== null ? Math.round(mean * notStarted + Math.max(0, mean - (running?.seconds ?? mean))) : null;
  const { targetVersion, requestKey: _requestKey, ...rest } = rollout;
  return {
    ...rest,
    targetVersion: targetVersion ? `${targetVersion.image.name}:${targetVersion.version}` : null,
    excluded: rollout.excluded as { hostname: string; reason: string }[],
    counts,
    /** Of the cancelled steps, those whose machine had been power-cycled (it finished its boot on its own). */
    cancelledRebooting,
    total: list.reduce((a, b) => a + b.total, 0),
    batches: list,
    awaitingApproval: waitsForApproval,
    /** The canary batch has run to its end (healthy or not). */
    canaryDone: rollout.canary && !!list[0]?.startedAt && !list[0].pending && !list[0].inFlight,
    remainingSeconds,
    now,
  };
}

export type RolloutSummary = Awaited<ReturnType<typeof getRolloutSummary>>;

/**
 * A rollout's steps (hostname, batch, state, what it waits for) in batch, rack, hostname
 * order; only those of some batches or in some states when asked, at most `limit`.
 */
export async function listRolloutSteps(rolloutId: string, only: { batches?: number[]; states?: RolloutStepState[]; limit?: number } = {}) {
  const steps = await db.$queryRaw<
    { id: string; machine_id: string; hostname: string; rack: string | null; machine_state: string; batch: number; state: RolloutStepState; note: string | null; error: string | null; method: string | null; intent_at: Date | null; powered_at: Date | null; healthy_since: Date | null; finished_at: Date | null }[]
  >`
    SELECT s.id::text, m.id::text AS machine_id, m.hostname, m.rack, m.state::text AS machine_state, s.batch, s.state, s.note, s.error, s.method::text,
           s.intent_at, s.powered_at, s.healthy_since, s.finished_at
    FROM rollout_steps s JOIN machines m ON m.id = s.machine_id
    WHERE s.rollout_id = ${rolloutId}::uuid
      AND (${only.batches ?? null}::int[] IS NULL OR s.batch = ANY(${only.batches ?? null}::int[]))
      AND (${only.states ?? null}::text[] IS NULL OR s.state::text = ANY(${only.states ?? null}::text[]))
    ORDER BY s.batch, m.rack NULLS LAST, m.hostname
    LIMIT ${only.limit ?? null}`;
  return steps.map((s) => ({
    id: s.id, machineId: s.machine_id, hostname: s.hostname, rack: s.rack, machineState: s.machine_state, batch: s.batch, state: s.state,
    note: s.note, error: s.error, method: s.method, intentAt: s.intent_at, poweredAt: s.powered_at, healthySince: s.healthy_since, finishedAt: s.finished_at,
  }));
}

export type RolloutStepRow = Awaited<ReturnType<typeof listRolloutSteps>>[number];

/** One rollout with every step: the summary and all its steps. */
export async function getRollout(ref: string) {
  const summary = await getRolloutSummary(ref);
  return { ...summary, steps: await listRolloutSteps(summary.id) };
}

export type RolloutDetail = Awaited<ReturnType<typeof getRollout>>;

/** The roles of a rollout's machines (for links to their convergence trend). */
export async function rolloutRoles(rolloutId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT DISTINCT r.name FROM rollout_steps s JOIN machines m ON m.id = s.machine_id JOIN roles r ON r.id = m.role_id
    WHERE s.rollout_id = ${rolloutId}::uuid ORDER BY r.name LIMIT 5`;
  return rows.map((r) => r.name);
}

export interface ActiveRollout {
  id: string;
  label: string;
  state: string;
  awaitingApproval: boolean;
}

/**
 * Running and paused rollouts by the roles of their machines, for the Fleet page: a role
 * whose convergence moves (or stands still) because of a rollout links to it.
 */
export async function activeRolloutsByRole(): Promise<Map<string, ActiveRollout[]>> {
  const rows = await db.$queryRaw<{ id: string; name: string; state: string; canary: boolean; canary_approved_at: Date | null; wait_reason: string | null; role: string }[]>`
    SELECT DISTINCT r.id::text, r.name, r.state::text, r.canary, r.canary_approved_at, r.wait_reason, ro.name AS role
    FROM rollouts r
    JOIN rollout_steps s ON s.rollout_id = r.id
    JOIN machines m ON m.id = s.machine_id
    JOIN roles ro ON ro.id = m.role_id
    WHERE r.state IN ('running', 'paused')`;
  const out = new Map<string, ActiveRollout[]>();
  for (const r of rows) {
    const item = { id: r.id, label: r.name || r.id.slice(0, 8), state: r.state, awaitingApproval: awaitingApproval({ state: r.state, canary: r.canary, canaryApprovedAt: r.canary_approved_at, waitReason: r.wait_reason }) };
    out.set(r.role, [...(out.get(r.role) ?? []), item]);
  }
  return out;
}
