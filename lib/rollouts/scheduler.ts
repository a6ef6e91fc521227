import { db } from "@/lib/db";
import type { BmcType, RolloutState } from "@/lib/generated/prisma/enums";
import { CANARY_WAIT } from "./canary";
import { applyChanges, judge, ORPHAN_NOTE, type StepChange, type WaitingRow } from "./health";
import { powerStep } from "./power";

// The rollout scheduler's one pass ("tick"), run by the leader only (lib/rollouts/leader.ts).
// Everything it knows is in PostgreSQL; deadlines use the database's clock. A step moves
// pending → powering (intent written, then the power action is sent) → waiting (result
// written) → healthy | failed. The only thing kept in memory is which power actions this
// process is sending right now, so that a `powering` step nobody is sending — the console
// died between intent and result — is recognised and never sent again.

interface RolloutRow {
  id: string;
  name: string;
  state: RolloutState;
  targetVersionId: string | null;
  maxUnavailable: number | null;
  perRack: number | null;
  healthTimeoutSeconds: number;
  minHealthySeconds: number;
  failureThreshold: number;
  failuresAccepted: number;
  canary: boolean;
  canaryApprovedAt: Date | null;
  windowStart: string | null;
  windowEnd: string | null;
  windowTimezone: string;
  powerOrder: BmcType[];
  waitReason: string | null;
}

export interface SchedulerOptions {
  /** Power actions sent at once by this process. */
  powerConcurrency?: number;
  /** Called when something happened that deserves another tick soon (a power action ended). */
  wake?: () => void;
  log?: (line: string) => void;
}

export class RolloutScheduler {
  /** Steps whose power action this process is sending. */
  readonly sending = new Set<string>();
  private readonly queue: { stepId: string; rollout: RolloutRow }[] = [];
  private active = 0;
  private readonly idle = new Set<() => void>();

  constructor(private readonly opts: SchedulerOptions = {}) {}

  /** One pass over every running or paused rollout. */
  async tick(): Promise<void> {
    const rollouts = await db.rollout.findMany({
      where: { state: { in: ["running", "paused"] } },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, name: true, state: true, targetVersionId: true, maxUnavailable: true, perRack: true, healthTimeoutSeconds: true,
        minHealthySeconds: true, failureThreshold: true, failuresAccepted: true, canary: true, canaryApprovedAt: true,
        windowStart: true, windowEnd: true, windowTimezone: true, powerOrder: true, waitReason: true,
      },
    });
    for (const r of rollouts) await this.tickRollout(r);
  }

  /** Resolves once no power action of this process is queued or being sent. */
  async drain(): Promise<void> {
    if (!this.active && !this.queue.length) return;
    await new Promise<void>((resolve) => this.idle.add(resolve));
  }

  private async tickRollout(r: RolloutRow) {
    await this.adoptOrphans(r);
    await this.evaluateWaiting(r);
    const counts = await this.stepCounts(r.id);
    if (counts.pending + counts.powering + counts.waiting === 0) return this.finish(r, counts);
    if (r.state !== "running") return;
    const newFailures = counts.failed - r.failuresAccepted;
    if (newFailures >= r.failureThreshold) return this.pauseForFailures(r, newFailures, counts.failed);
    const wait = await this.startSteps(r);
    if (wait !== r.waitReason) {
      await db.$transaction([
        db.rollout.updateMany({ where: { id: r.id, state: "running" }, data: { waitReason: wait } }),
        db.event.create({ data: { kind: "rollout.waiting", rolloutId: r.id, payload: { reason: wait } } }),
      ]);
    }
  }

  // A `powering` step that this process is not sending was left by a console that died
  // after writing the intent. Whether the action reached the BMC is unknown, so the step
  // waits for evidence (a new boot) and is never powered again.
  private async adoptOrphans(r: RolloutRow) {
    const mine = [...this.sending];
    // Looked for first: the events table's NOTIFY trigger is per statement, so even an
    // insert of no rows on every tick would wake this leader again, a busy loop.
    const [{ orphans }] = await db.$queryRaw<{ orphans: number }[]>`
      SELECT count(*)::int AS orphans FROM rollout_steps WHERE rollout_id = ${r.id}::uuid AND state = 'powering' AND NOT (id = ANY(${mine}::uuid[]))`;
    if (!orphans) return;
    await db.$executeRaw`
      WITH upd AS (
        UPDATE rollout_steps SET state = 'waiting', note = ${ORPHAN_NOTE}
        WHERE rollout_id = ${r.id}::uuid AND state = 'powering' AND NOT (id = ANY(${mine}::uuid[]))
        RETURNING id, machine_id, batch, rollout_id
      )
      INSERT INTO events (kind, machine_id, rollout_id, payload)
      SELECT 'rollout.step', u.machine_id, u.rollout_id, jsonb_build_object('hostname', m.hostname, 'batch', u.batch, 'state', 'waiting', 'note', ${ORPHAN_NOTE}::text)
      FROM upd u JOIN machines m ON m.id = u.machine_id`;
  }

  private async evaluateWaiting(r: RolloutRow) {
    const rows = await db.$queryRaw<WaitingRow[]>`
      SELECT s.id::text, m.hostname, s.boot_id_before, m.boot_id, m.state::text AS machine_state, m.booted_version_id::text,
             now() > coalesce(s.powered_at, s.intent_at) + make_interval(secs => ${r.healthTimeoutSeconds}::int) AS deadline_passed,
             d.finished_at AS healthy_since, d.status::text AS d_status, d.finished_at AS d_finished_at, d.exit_code AS d_exit_code,
             d.finished_at IS NOT NULL AND now() >= d.finished_at + make_interval(secs => ${r.minHealthySeconds}::int) AS held_enough,
             s.note
      FROM rollout_steps s
      JOIN machines m ON m.id = s.machine_id
      LEFT JOIN LATERAL (
        SELECT status, finished_at, exit_code FROM deployments d
        WHERE d.machine_id = m.id AND d.boot_id = m.boot_id AND d.trigger = 'report'
        ORDER BY queued_at DESC LIMIT 1
      ) d ON m.boot_id IS DISTINCT FROM s.boot_id_before
      WHERE s.rollout_id = ${r.id}::uuid AND s.state = 'waiting'`;
    const changes: StepChange[] = [];
    for (const row of rows) {
      const c = judge(row, r);
      if (c.state !== "waiting" || c.note !== row.note) changes.push(c);
    }
    if (changes.length) await applyChanges(changes);
  }

  private async stepCounts(rolloutId: string) {
    const groups = await db.rolloutStep.groupBy({ by: ["state"], where: { rolloutId }, _count: { _all: true } });
    const c = { pending: 0, powering: 0, waiting: 0, healthy: 0, failed: 0, skipped: 0, cancelled: 0 };
    for (const g of groups) c[g.state] = g._count._all;
    return c;
  }

  private async finish(r: RolloutRow, counts: Record<string, number>) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const state = counts.failed ? "failed" : "succeeded";
    const reason = counts.failed ? `${counts.failed} of ${total} machines did not come back healthy` : null;
    await db.$transaction(async (tx) => {
      const done = await tx.rollout.updateMany({ where: { id: r.id, state: { in: ["running", "paused"] } }, data: { state, stateReason: reason, waitReason: null, finishedAt: new Date() } });
      if (!done.count) return;
      await tx.rolloutStep.updateMany({ where: { rolloutId: r.id }, data: { active: false } });
      await tx.event.create({ data: { kind: "rollout.finished", rolloutId: r.id, payload: { state, reason, healthy: counts.healthy, failed: counts.failed } } });
    });
    this.opts.log?.(`[fleetboot] rollout ${r.name || r.id} ${state}${reason ? `: ${reason}` : ""}`);
  }

  /**
   * `failures` failed since the failures last accepted (the threshold counts those), out of
   * `total` failed in all: the reason names the new ones, newest first, and says both counts.
   */
  private async pauseForFailures(r: RolloutRow, failures: number, total: number) {
    const failed = await db.rolloutStep.findMany({ where: { rolloutId: r.id, state: "failed" }, select: { machine: { select: { hostname: true } } }, orderBy: { finishedAt: "desc" }, take: Math.min(failures, 5) });
    const names = failed.map((f) => f.machine.hostname).join(", ") + (failures > 5 ? ` and ${failures - 5} more` : "");
    const earlier = total - failures;
    const since = earlier ? ` since the ${earlier} accepted at the last resume` : "";
    const reason = `${failures} machine${failures === 1 ? "" : "s"} failed${since} (threshold ${r.failureThreshold}): ${names}. Look at ${failures === 1 ? "it" : "them"}, then resume (accepting these failures) or cancel.`;
    await db.$transaction(async (tx) => {
      const done = await tx.rollout.updateMany({ where: { id: r.id, state: "running" }, data: { state: "paused", stateReason: reason, waitReason: null } });
      if (done.count) await tx.event.create({ data: { kind: "rollout.paused", rolloutId: r.id, payload: { by: "scheduler", reason } } });
    });
  }

  /** Starts what may start now; returns why nothing (more) can start, if something waits. */
  private async startSteps(r: RolloutRow): Promise<string | null> {
    const [{ batch }] = await db.$queryRaw<{ batch: number | null }[]>`
      SELECT min(batch) AS batch FROM rollout_steps WHERE rollout_id = ${r.id}::uuid AND state IN ('pending', 'powering', 'waiting')`;
    if (batch === null) return null;
    const pending = await db.$queryRaw<{ id: string; machine_id: string; hostname: string; rack: string | null; role_id: string | null }[]>`
      SELECT s.id::text, m.id::text AS machine_id, m.hostname, m.rack, m.role_id::text FROM rollout_steps s JOIN machines m ON m.id = s.machine_id
      WHERE s.rollout_id = ${r.id}::uuid AND s.state = 'pending' AND s.batch = ${batch}
      ORDER BY m.rack NULLS LAST, m.hostname`;
    if (!pending.length) return null; // the batch's machines are rebooting: wait for them
    if (r.canary && batch > 1 && !r.canaryApprovedAt) return CANARY_WAIT;
    if (r.windowStart && r.windowEnd) {
      const [{ inside }] = await db.$queryRaw<{ inside: boolean }[]>`
        SELECT CASE WHEN ${r.windowStart}::time < ${r.windowEnd}::time THEN t >= ${r.windowStart}::time AND t < ${r.windowEnd}::time
                    ELSE t >= ${r.windowStart}::time OR t < ${r.windowEnd}::time END AS inside
        FROM (SELECT (now() AT TIME ZONE ${r.windowTimezone})::time AS t) x`;
      if (!inside) return `Outside the maintenance window (${r.windowStart}–${r.windowEnd} ${r.windowTimezone}): machines rebooting now are watched, no new ones start.`;
    }

    // The role's budget: machines that are not ready, or rebooting for any rollout, count.
    const roles = [...new Set(pending.map((p) => p.role_id).filter((x): x is string => !!x))];
    const down = new Map<string, { count: number; names: string[] }>();
    if (r.maxUnavailable && roles.length) {
      const rows = await db.$queryRaw<{ role_id: string; count: number; names: string[] }[]>`
        SELECT m.role_id::text, count(*)::int AS count, (array_agg(m.hostname ORDER BY m.hostname))[1:5] AS names
        FROM machines m
        WHERE m.role_id = ANY(${roles}::uuid[])
          AND (m.state <> 'ready' OR EXISTS (SELECT 1 FROM rollout_steps s WHERE s.machine_id = m.id AND s.active AND s.state IN ('powering', 'waiting')))
        GROUP BY m.role_id`;
      for (const row of rows) down.set(row.role_id, { count: row.count, names: row.names });
    }
    const perRack = new Map<string, number>();
    if (r.perRack) {
      const rows = await db.$queryRaw<{ rack: string | null; count: number }[]>`
        SELECT m.rack, count(*)::int AS count FROM rollout_steps s JOIN machines m ON m.id = s.machine_id
        WHERE s.rollout_id = ${r.id}::uuid AND s.state IN ('powering', 'waiting') GROUP BY m.rack`;
      for (const row of rows) perRack.set(row.rack ?? "", row.count);
    }
    const chosen: string[] = [];
    let budgetBlocked: string | null = null;
    let rackBlocked = false;
    for (const p of pending) {
      const roleDown = p.role_id ? down.get(p.role_id) ?? { count: 0, names: [] } : null;
      if (r.maxUnavailable && roleDown && roleDown.count >= r.maxUnavailable) {
        budgetBlocked ??= `The unavailability budget is used up: ${roleDown.count} of at most ${r.maxUnavailable} machines of the role are not ready (${roleDown.names.join(", ")}${roleDown.count > roleDown.names.length ? ", …" : ""}).`;
        continue;
      }
      const rack = p.rack ?? "";
      if (r.perRack && (perRack.get(rack) ?? 0) >= r.perRack) {
        rackBlocked = true;
        continue;
      }
      chosen.push(p.id);
      if (roleDown && p.role_id) down.set(p.role_id, { count: roleDown.count + 1, names: roleDown.names });
      perRack.set(rack, (perRack.get(rack) ?? 0) + 1);
    }
    if (chosen.length) await this.begin(r, chosen);
    if (chosen.length === pending.length) return null;
    if (budgetBlocked) return budgetBlocked;
    if (rackBlocked && !chosen.length) return `At most ${r.perRack} machine${r.perRack === 1 ? "" : "s"} per rack at once: waiting for a rack's rebooting machines to come back.`;
    return null;
  }

  // Intent first: the steps move to `powering` (with the boot id they had) in one
  // transaction, under the rollout's row lock so a pause or cancel in between wins.
  private async begin(r: RolloutRow, stepIds: string[]) {
    for (const id of stepIds) this.sending.add(id);
    let started: string[] = [];
    try {
      started = await db.$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ state: string }[]>`SELECT state::text FROM rollouts WHERE id = ${r.id}::uuid FOR UPDATE`;
        if (row?.state !== "running") return [];
        const rows = await tx.$queryRaw<{ id: string }[]>`
          WITH upd AS (
            UPDATE rollout_steps s SET state = 'powering', intent_at = now(), boot_id_before = m.boot_id, note = 'sending the power action'
            FROM machines m
            WHERE s.id = ANY(${stepIds}::uuid[]) AND s.state = 'pending' AND m.id = s.machine_id
            RETURNING s.id, s.machine_id, s.batch, s.rollout_id, m.hostname
          ), ev AS (
            INSERT INTO events (kind, machine_id, rollout_id, payload)
            SELECT 'rollout.step', machine_id, rollout_id, jsonb_build_object('hostname', hostname, 'batch', batch, 'state', 'powering', 'note', 'sending the power action') FROM upd
          )
          SELECT id::text FROM upd`;
        return rows.map((x) => x.id);
      });
    } finally {
      const set = new Set(started);
      for (const id of stepIds) if (!set.has(id)) this.sending.delete(id);
    }
    for (const stepId of started) this.queue.push({ stepId, rollout: r });
    this.pump();
  }

  private pump() {
    const limit = this.opts.powerConcurrency ?? 128;
    while (this.active < limit && this.queue.length) {
      const { stepId, rollout } = this.queue.shift()!;
      this.active++;
      powerStep(stepId, { id: rollout.id, name: rollout.name, powerOrder: rollout.powerOrder })
        .catch((err) => this.opts.log?.(`[fleetboot] rollout ${rollout.id}: power action of step ${stepId} failed unexpectedly: ${(err as Error).message}`))
        .finally(() => {
          this.active--;
          this.sending.delete(stepId);
          this.opts.wake?.();
          this.pump();
          if (!this.active && !this.queue.length) {
            for (const resolve of this.idle) resolve();
            this.idle.clear();
          }
        });
    }
  }
}
