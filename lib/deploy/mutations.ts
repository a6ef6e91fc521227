import { db } from "@/lib/db";
import type { DeploymentTrigger, Prisma } from "@/lib/generated/prisma/client";
import { DEPLOY_QUEUE, sendInTransaction } from "@/lib/jobs/boss";
import type { Recap } from "./recap";

type Tx = Prisma.TransactionClient;

/**
 * A queued deployment and its job, in the caller's transaction. Its event goes in last,
 * after `eventsBefore` (the caller's own events, in one insert): an event id is taken when
 * its row is inserted and live streams wait for every smaller id to commit, so events are
 * written as close to the commit as possible.
 */
export async function queueDeployment(
  tx: Tx,
  input: { machineId: string; trigger: DeploymentTrigger; imageVersionId?: string | null; bootId?: string | null; actor?: string },
  eventsBefore: Prisma.EventCreateManyInput[] = [],
) {
  const deployment = await tx.deployment.create({
    data: { machineId: input.machineId, trigger: input.trigger, imageVersionId: input.imageVersionId ?? null, bootId: input.bootId ?? null },
  });
  await sendInTransaction(tx, DEPLOY_QUEUE, { deploymentId: deployment.id });
  await tx.event.createMany({
    data: [
      ...eventsBefore,
      { kind: "deploy.queued", machineId: input.machineId, payload: { deploymentId: deployment.id, trigger: input.trigger, actor: input.actor ?? null } },
    ],
  });
  return deployment;
}

/**
 * Marks the deployment running and returns the claim (its new start time), or null when
 * it is finished. A retried job whose worker died finds it still running and takes it
 * over; the claim fences the writes of the attempt it replaced, should that one still
 * be alive somewhere.
 */
export async function claimDeployment(id: string, command: string[]): Promise<Date | null> {
  const claim = new Date();
  return db.$transaction(async (tx) => {
    const before = await tx.deployment.findUnique({ where: { id }, select: { status: true } });
    const { count } = await tx.deployment.updateMany({
      where: { id, status: { in: ["queued", "running"] } },
      data: { status: "running", startedAt: claim, command, output: "" },
    });
    if (count === 0) return null;
    const d = await tx.deployment.findUniqueOrThrow({ where: { id }, select: { machineId: true } });
    const payload = { deploymentId: id, command, ...(before?.status === "running" ? { retry: "the worker that ran it before stopped" } : {}) };
    await tx.event.create({ data: { kind: "deploy.started", machineId: d.machineId, payload } });
    return claim;
  });
}

export async function saveOutput(id: string, claim: Date, output: string): Promise<void> {
  await db.deployment.updateMany({ where: { id, status: "running", startedAt: claim }, data: { output } });
}

type DeployResult = { succeeded: boolean; exitCode: number | null; recap: Recap | null; output: string; reason?: string };

/** Records the result of the attempt that holds `claim`; false when another attempt took over. */
export async function finishDeployment(id: string, claim: Date, result: DeployResult): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.deployment.updateMany({
      where: { id, status: "running", startedAt: claim },
      data: {
        status: result.succeeded ? "succeeded" : "failed",
        exitCode: result.exitCode,
        recap: (result.recap ?? undefined) as Prisma.InputJsonValue | undefined,
        output: result.output,
        finishedAt: new Date(),
      },
    });
    if (count === 0) return false;
    await settleMachine(tx, id, result);
    return true;
  });
}

/** A deployment no worker could finish (each attempt's worker died): failed, with why. */
export async function abandonDeployment(id: string, reason: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      UPDATE deployments SET status = 'failed', finished_at = now(), output = output || ${`\n[fleetboot] ${reason}\n`}
      WHERE id = ${id}::uuid AND status IN ('queued', 'running') RETURNING id::text`;
    if (!rows.length) return false;
    await settleMachine(tx, id, { succeeded: false, exitCode: null, recap: null, reason });
    return true;
  });
}

async function settleMachine(tx: Tx, id: string, result: Omit<DeployResult, "output">) {
  const d = await tx.deployment.findUniqueOrThrow({ where: { id }, select: { machineId: true, queuedAt: true } });
  // Only the newest deployment decides the machine's state.
  const newer = await tx.deployment.count({ where: { machineId: d.machineId, queuedAt: { gt: d.queuedAt } } });
  const state = result.succeeded ? "ready" : "failed";
  if (newer === 0) {
    await tx.machine.updateMany({ where: { id: d.machineId, state: { in: ["deploying", "ready", "failed"] } }, data: { state, stateChangedAt: new Date() } });
  }
  await tx.event.create({
    data: {
      kind: result.succeeded ? "deploy.succeeded" : "deploy.failed",
      machineId: d.machineId,
      payload: { deploymentId: id, exitCode: result.exitCode, reason: result.reason ?? null, ...(result.recap ?? {}) },
    },
  });
}
