import { diffFields, recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RolloutState } from "@/lib/generated/prisma/enums";
import { AppError, databaseConflict, fieldError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";
import { resolveVersionRef } from "@/lib/images/queries";
import { defaultRolloutName } from "./default-name";
import { effectiveBatchSize, planBatches } from "./plan";
import type { CreateRolloutInput } from "./schema";
import { resolveSelection, type Candidate, type Exclusion } from "./select";

type Tx = Prisma.TransactionClient;

export interface Actor {
  name: string;
}

export interface PlannedBatch {
  batch: number;
  hostnames: string[];
  canary: boolean;
  waitsFor: string;
}

export interface RolloutPlan {
  batches: string[][];
  excluded: Exclusion[];
  details: PlannedBatch[];
  targetVersion: string | null;
  role: string | null;
  batchSize: number;
  /** The target version is of another image than the role boots now (e.g. storage onto a compute OS). */
  imageChange: { from: string; to: string } | null;
}

/** In words, what the scheduler waits for before a batch starts and before it counts as done. */
function describeWait(i: number, input: CreateRolloutInput, canary: boolean): string {
  const health = `each machine boots again (new boot id), reports in and deploys successfully${input.minHealthySeconds ? `, then stays healthy ${input.minHealthySeconds} s` : ""}, within ${input.healthTimeoutSeconds} s`;
  const before =
    i === 0
      ? "starts at once"
      : canary && i === 1
        ? "starts when the canary batch is healthy and an operator approves it"
        : `starts when batch ${i} is done`;
  const limits = [
    input.maxUnavailable ? `while at most ${input.maxUnavailable} of the role are unavailable` : "",
    input.perRack ? `at most ${input.perRack} per rack at once` : "",
    input.window ? `only ${input.window.start}–${input.window.end} ${input.window.timezone}` : "",
  ].filter(Boolean);
  return `${canary && i === 0 ? "Canary: " : ""}${before}${limits.length ? ` (${limits.join(", ")})` : ""}; ${health}.`;
}

/** The request's batch options as the planner and the rollout row take them. */
function planOptions(input: CreateRolloutInput) {
  const size = input.batchSize;
  return {
    ...(typeof size === "number" ? { batchSize: size, batchPercent: null } : { batchSize: null, batchPercent: size.percent }),
    maxUnavailable: input.maxUnavailable,
    perRack: input.perRack,
    canarySize: input.canary === true ? 1 : input.canary || null,
  };
}

async function planRollout(tx: Tx, input: CreateRolloutInput): Promise<{ plan: RolloutPlan; batches: Candidate[][]; targetVersionId: string | null; roleId: string | null }> {
  const { included, excluded } = await resolveSelection(tx, input.selector, input.powerOrder);
  let targetVersionId: string | null = null;
  let roleId: string | null = null;
  let roleName: string | null = null;
  let imageChange: RolloutPlan["imageChange"] = null;
  if (input.imageVersion) {
    targetVersionId = await resolveVersionRef(tx, input.imageVersion);
    const version = await tx.imageVersion.findUniqueOrThrow({ where: { id: targetVersionId }, select: { status: true, version: true } });
    if (version.status === "retired") throw new AppError("validation_failed", `imageVersion: ${input.imageVersion} is retired; mark it stable or candidate first`, { fields: [{ path: "imageVersion", message: "this version is retired" }] });
    const roles = [...new Set(included.map((c) => c.roleName ?? "(no role)"))];
    if (roles.length > 1 || included.some((c) => !c.roleId)) {
      const message = `a target image version needs machines of one role; the selection has ${roles.slice(0, 5).join(", ")}`;
      throw new AppError("validation_failed", `imageVersion: ${message}`, { fields: [{ path: "imageVersion", message }] });
    }
    roleId = included[0]?.roleId ?? null;
    roleName = included[0]?.roleName ?? null;
    // The role the selection names, even when every machine of it is left out.
    const imageRole = roleId ? { id: roleId } : input.selector.role ? { name: input.selector.role } : null;
    roleName ??= input.selector.role ?? null;
    if (imageRole) {
      const [current, target] = await Promise.all([
        tx.role.findUniqueOrThrow({ where: imageRole, select: { desiredVersion: { select: { image: { select: { name: true } } } } } }),
        tx.imageVersion.findUniqueOrThrow({ where: { id: targetVersionId }, select: { image: { select: { name: true } } } }),
      ]);
      const from = current.desiredVersion?.image.name;
      if (from && from !== target.image.name) imageChange = { from, to: target.image.name };
    }
  } else {
    const roles = new Set(included.map((c) => c.roleName));
    if (roles.size === 1) roleName = included[0]?.roleName ?? null;
  }
  const opts = planOptions(input);
  const canarySize = opts.canarySize;
  // The canary batch is no larger than the batches after it: say so rather than cut it quietly.
  const size = effectiveBatchSize(included.length, opts);
  if (canarySize && included.length && canarySize > size) {
    throw fieldError("canary", `a canary of ${canarySize} machines is larger than a batch (${size}); give at most ${size}, or a larger batch size`);
  }
  const batches = planBatches(included, opts);
  const details = batches.map((b, i) => ({ batch: i + 1, hostnames: b.map((m) => m.hostname), canary: !!canarySize && i === 0, waitsFor: describeWait(i, input, !!canarySize) }));
  return {
    plan: {
      batches: batches.map((b) => b.map((m) => m.hostname)),
      excluded,
      details,
      targetVersion: input.imageVersion ?? null,
      role: roleName,
      batchSize: size,
      imageChange,
    },
    batches,
    targetVersionId,
    roleId,
  };
}

/** What a rollout would do, without writing anything. */
export async function previewRollout(input: CreateRolloutInput): Promise<RolloutPlan> {
  return (await db.$transaction((tx) => planRollout(tx, input), { isolationLevel: "RepeatableRead" })).plan;
}

export interface CreatedRollout {
  id: string;
  state: RolloutState;
  created: boolean;
  /** Only when this request created the rollout. */
  plan?: RolloutPlan;
}

/**
 * Creates a rollout and its steps in one transaction. A machine already in a running or
 * paused rollout is left out; the database's one-active-step-per-machine index makes that
 * hold even for two requests at the same instant (the later one retries and finds the
 * machines taken). With a request key, a repeat of the same request returns the first.
 */
export async function createRollout(input: CreateRolloutInput, actor: Actor): Promise<CreatedRollout> {
  for (let attempt = 0; ; attempt++) {
    if (input.requestKey) {
      const earlier = await db.rollout.findUnique({ where: { requestKey: input.requestKey }, select: { id: true, state: true } });
      if (earlier) return { ...earlier, created: false };
    }
    try {
      return await db.$transaction(async (tx): Promise<CreatedRollout> => {
        if (input.requestKey) {
          // Repeats of one request sent at the same instant wait for each other here, then
          // find the first one's rollout (its machines would otherwise all look taken).
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${input.requestKey}, 0))`;
          const earlier = await tx.rollout.findUnique({ where: { requestKey: input.requestKey }, select: { id: true, state: true } });
          if (earlier) return { ...earlier, created: false };
        }
        const { plan, batches, targetVersionId, roleId } = await planRollout(tx, input);
        if (!batches.length) {
          const reasons = [...new Set(plan.excluded.map((e) => e.reason))].slice(0, 3).join("; ");
          throw new AppError("conflict", `every selected machine is left out (${reasons})`, { excluded: plan.excluded.slice(0, 100) });
        }
        const { batchSize, batchPercent, canarySize } = planOptions(input);
        const machines = batches.reduce((a, b) => a + b.length, 0);
        const name = input.name || defaultRolloutName(input, plan.role, machines);
        const rollout = await tx.rollout.create({
          data: {
            name,
            selector: input.selector as Prisma.InputJsonValue,
            targetVersionId,
            batchSize,
            batchPercent,
            maxUnavailable: input.maxUnavailable ?? null,
            perRack: input.perRack ?? null,
            healthTimeoutSeconds: input.healthTimeoutSeconds,
            minHealthySeconds: input.minHealthySeconds,
            failureThreshold: input.failureThreshold,
            canary: !!canarySize,
            canarySize: canarySize ?? 1,
            windowStart: input.window?.start ?? null,
            windowEnd: input.window?.end ?? null,
            windowTimezone: input.window?.timezone ?? "UTC",
            powerOrder: input.powerOrder,
            excluded: plan.excluded as unknown as Prisma.InputJsonValue,
            requestKey: input.requestKey ?? null,
            createdBy: actor.name,
          },
          select: { id: true, state: true },
        });
        if (input.window) {
          // PostgreSQL must know the zone too: the scheduler tests the window in database time.
          await tx.$queryRaw`SELECT now() AT TIME ZONE ${input.window.timezone}`.catch(() => {
            throw new AppError("validation_failed", `window.timezone: the database does not know the time zone ${input.window!.timezone}`);
          });
        }
        await tx.rolloutStep.createMany({
          data: batches.flatMap((b, i) => b.map((m) => ({ rolloutId: rollout.id, machineId: m.id, batch: i + 1 }))),
        });
        if (targetVersionId && roleId) {
          const role = await tx.role.findUniqueOrThrow({ where: { id: roleId }, select: { id: true, name: true, desiredVersionId: true } });
          if (role.desiredVersionId !== targetVersionId) {
            await tx.role.update({ where: { id: roleId }, data: { desiredVersionId: targetVersionId } });
            await recordAudit(tx, { actor: actor.name, action: "role.update", targetType: "role", targetId: role.id, changes: { ...diffFields({ desiredVersionId: role.desiredVersionId }, { desiredVersionId: targetVersionId }), reason: `rollout ${rollout.id}` } });
          }
        }
        const summary = { name, machines, batches: batches.length, excluded: plan.excluded.length, targetVersion: input.imageVersion ?? null };
        await tx.event.create({ data: { kind: "rollout.created", rolloutId: rollout.id, payload: { ...summary, by: actor.name } } });
        await recordAudit(tx, { actor: actor.name, action: "rollout.create", targetType: "rollout", targetId: rollout.id, changes: { ...summary, selector: input.selector as Prisma.InputJsonValue } });
        return { ...rollout, created: true, plan };
      }, { isolationLevel: "ReadCommitted", timeout: 60_000, maxWait: 15_000 });
    } catch (err) {
      // Another request took some of these machines (or this request key) at the same instant: plan again.
      if (databaseConflict(err) !== null && attempt < 3) continue;
      throw err;
    }
  }
}

const FINISHED: RolloutState[] = ["succeeded", "failed", "cancelled"];

async function lockRollout(tx: Tx, ref: string) {
  if (!isUuid(ref)) throw new AppError("not_found", `no rollout "${ref}"`);
  const rows = await tx.$queryRaw<{ id: string; state: RolloutState; canary: boolean; canary_approved_at: Date | null }[]>`
    SELECT id::text, state, canary, canary_approved_at FROM rollouts WHERE id = ${ref.toLowerCase()}::uuid FOR UPDATE`;
  if (!rows[0]) throw new AppError("not_found", `no rollout "${ref}"`);
  return rows[0];
}

export type RolloutCommand = "pause" | "resume" | "cancel" | "approve";

/**
 * Pause, resume, cancel, or approve the canary. Each is idempotent: asking for the state
 * the rollout is already in changes nothing and answers the same. Pausing stops new
 * reboots; machines already rebooting are still watched. Cancelling stops the rollout for
 * good; a machine that is rebooting finishes its boot on its own.
 */
export async function commandRollout(
  ref: string,
  command: RolloutCommand,
  actor: Actor,
  opts: { retryFailed?: boolean } = {},
): Promise<{ id: string; state: RolloutState; changed: boolean; retried?: number }> {
  return db.$transaction(async (tx) => {
    const r = await lockRollout(tx, ref);
    const done = FINISHED.includes(r.state);
    let retried: number | undefined;
    const unchanged = { id: r.id, state: r.state, changed: false };
    let data: Prisma.RolloutUpdateInput | null = null;
    switch (command) {
      case "pause":
        if (r.state === "paused") return unchanged;
        if (done) throw new AppError("conflict", `the rollout has already ${r.state === "cancelled" ? "been cancelled" : r.state}; there is nothing to pause`);
        data = { state: "paused", stateReason: `paused by ${actor.name}`, waitReason: null };
        break;
      case "resume": {
        if (r.state === "running" && !opts.retryFailed) return unchanged;
        if (done) throw new AppError("conflict", `the rollout has already ${r.state === "cancelled" ? "been cancelled" : r.state}; start a new one instead`);
        if (opts.retryFailed) {
          // An operator's explicit decision: failed machines get a new step attempt (one power action each).
          retried = await tx.$executeRaw`
            UPDATE rollout_steps SET state = 'pending', intent_at = NULL, powered_at = NULL, healthy_since = NULL, finished_at = NULL,
              method = NULL, boot_id_before = NULL, error = NULL, note = ${`retry asked for by ${actor.name}`}
            WHERE rollout_id = ${r.id}::uuid AND state = 'failed'`;
        }
        // Failures so far are accepted: the threshold counts new ones from here.
        const failed = await tx.rolloutStep.count({ where: { rolloutId: r.id, state: "failed" } });
        data = { state: "running", stateReason: null, failuresAccepted: failed };
        break;
      }
      case "cancel":
        if (r.state === "cancelled") return unchanged;
        if (done) throw new AppError("conflict", `the rollout has already ${r.state}; there is nothing to cancel`);
        data = { state: "cancelled", stateReason: `cancelled by ${actor.name}`, waitReason: null, finishedAt: new Date() };
        await tx.$executeRaw`
          UPDATE rollout_steps SET
            note = CASE WHEN state IN ('powering', 'waiting') THEN 'cancelled while rebooting: the machine finishes its boot on its own' ELSE note END,
            state = 'cancelled', finished_at = now()
          WHERE rollout_id = ${r.id}::uuid AND state IN ('pending', 'powering', 'waiting')`;
        await tx.rolloutStep.updateMany({ where: { rolloutId: r.id }, data: { active: false } });
        break;
      case "approve":
        if (!r.canary) throw new AppError("conflict", "this rollout has no canary batch to approve");
        // A finished rollout says so, approved or not, as pause and resume do.
        if (done) throw new AppError("conflict", `the rollout has already ${r.state === "cancelled" ? "been cancelled" : r.state}; there is nothing to approve`);
        if (r.canary_approved_at) return unchanged;
        data = { canaryApprovedAt: new Date(), canaryApprovedBy: actor.name, waitReason: null };
        break;
    }
    const updated = await tx.rollout.update({ where: { id: r.id }, data: data!, select: { id: true, state: true } });
    const kind = { pause: "rollout.paused", resume: "rollout.resumed", cancel: "rollout.cancelled", approve: "rollout.canary_approved" }[command];
    const extra = retried !== undefined ? { retried } : {};
    await tx.event.create({ data: { kind, rolloutId: r.id, payload: { by: actor.name, from: r.state, to: updated.state, ...extra } } });
    await recordAudit(tx, { actor: actor.name, action: `rollout.${command}`, targetType: "rollout", targetId: r.id, changes: { state: [r.state, updated.state], ...extra } });
    return { ...updated, changed: true, ...extra };
  });
}
