import { db } from "@/lib/db";
import type { RolloutStepState } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";

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
  return rollouts.map(({ targetVersion, ...r }) => {
    const steps = counts.get(r.id) ?? { ...NO_STEPS };
    return {
      ...r,
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
  startedAt: Date | null;
  finishedAt: Date | null;
  seconds: number | null;
}

/**
 * One rollout with every step (hostname, batch, state, what it waits for), counts, the time
 * each batch took and an estimate of the rest (the mean finished batch times the batches
 * left, less what the current one has run). Times come from the database's clock.
 */
export async function getRollout(ref: string) {
  if (!isUuid(ref)) throw new AppError("not_found", `no rollout "${ref}"`);
  const id = ref.toLowerCase();
  const rollout = await db.rollout.findUnique({
    where: { id },
    include: { targetVersion: { select: { version: true, image: { select: { name: true } } } } },
  });
  if (!rollout) throw new AppError("not_found", `no rollout "${ref}"`);
  const steps = await db.$queryRaw<
    { id: string; machine_id: string; hostname: string; rack: string | null; machine_state: string; batch: number; state: RolloutStepState; note: string | null; error: string | null; method: string | null; intent_at: Date | null; powered_at: Date | null; healthy_since: Date | null; finished_at: Date | null }[]
  >`
    SELECT s.id::text, m.id::text AS machine_id, m.hostname, m.rack, m.state::text AS machine_state, s.batch, s.state, s.note, s.error, s.method::text,
           s.intent_at, s.powered_at, s.healthy_since, s.finished_at
    FROM rollout_steps s JOIN machines m ON m.id = s.machine_id
    WHERE s.rollout_id = ${id}::uuid
    ORDER BY s.batch, m.rack NULLS LAST, m.hostname`;
  const [{ now }] = await db.$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  const counts: StepCounts = { ...NO_STEPS };
  const batches = new Map<number, RolloutBatch>();
  for (const s of steps) {
    counts[s.state]++;
    const b = batches.get(s.batch) ?? { batch: s.batch, total: 0, healthy: 0, failed: 0, inFlight: 0, pending: 0, startedAt: null, finishedAt: null, seconds: null };
    b.total++;
    if (s.state === "healthy") b.healthy++;
    else if (s.state === "failed") b.failed++;
    else if (s.state === "powering" || s.state === "waiting") b.inFlight++;
    else if (s.state === "pending") b.pending++;
    if (s.intent_at && (!b.startedAt || s.intent_at < b.startedAt)) b.startedAt = s.intent_at;
    if (s.finished_at && (!b.finishedAt || s.finished_at > b.finishedAt)) b.finishedAt = s.finished_at;
    batches.set(s.batch, b);
  }
  const list = [...batches.values()];
  for (const b of list) {
    const open = b.pending + b.inFlight > 0;
    if (open) b.finishedAt = null;
    if (b.startedAt) b.seconds = Math.round(((open ? now : b.finishedAt ?? now).getTime() - b.startedAt.getTime()) / 1000);
  }
  const finished = list.filter((b) => b.startedAt && !b.pending && !b.inFlight);
  const mean = finished.length ? finished.reduce((a, b) => a + (b.seconds ?? 0), 0) / finished.length : null;
  const running = list.find((b) => b.startedAt && (b.pending || b.inFlight));
  const notStarted = list.filter((b) => !b.startedAt).length;
  const active = rollout.state === "running" || rollout.state === "paused";
  const remainingSeconds = active && mean !== null ? Math.round(mean * notStarted + Math.max(0, mean - (running?.seconds ?? mean))) : null;
  const { targetVersion, requestKey: _requestKey, ...rest } = rollout;
  return {
    ...rest,
    targetVersion: targetVersion ? `${targetVersion.image.name}:${targetVersion.version}` : null,
    excluded: rollout.excluded as { hostname: string; reason: string }[],
    counts,
    total: steps.length,
    batches: list,
    remainingSeconds,
    now,
    steps: steps.map((s) => ({
      id: s.id, machineId: s.machine_id, hostname: s.hostname, rack: s.rack, machineState: s.machine_state, batch: s.batch, state: s.state,
      note: s.note, error: s.error, method: s.method, intentAt: s.intent_at, poweredAt: s.powered_at, healthySince: s.healthy_since, finishedAt: s.finished_at,
    })),
  };
}

export type RolloutDetail = Awaited<ReturnType<typeof getRollout>>;
