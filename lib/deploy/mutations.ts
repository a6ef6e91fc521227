import { db } from "@/lib/db";
import type { DeploymentTrigger, Prisma } from "@/lib/generated/prisma/client";
import { DEPLOY_QUEUE, sendInTransaction } from "@/lib/jobs/boss";
import type { Recap } from "./recap";

type Tx = Prisma.TransactionClient;

/** A queued deployment and its job, in the caller's transaction. */
export async function queueDeployment(
  tx: Tx,
  input: { machineId: string; trigger: DeploymentTrigger; imageVersionId?: string | null; bootId?: string | null; actor?: string },
) {
  const deployment = await tx.deployment.create({
    data: { machineId: input.machineId, trigger: input.trigger, imageVersionId: input.imageVersionId ?? null, bootId: input.bootId ?? null },
  });
  await tx.event.create({
    data: { kind: "deploy.queued", machineId: input.machineId, payload: { deploymentId: deployment.id, trigger: input.trigger, actor: input.actor ?? null } },
  });
  await sendInTransaction(tx, DEPLOY_QUEUE, { deploymentId: deployment.id });
  return deployment;
}

/**
 * Marks the deployment running. A retried job (its worker died) finds it already running
 * and takes it over; a finished one is left alone.
 */
export async function claimDeployment(id: string, command: string[]): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.deployment.updateMany({
      where: { id, status: { in: ["queued", "running"] } },
      data: { status: "running", startedAt: new Date(), command, output: "" },
    });
    if (count === 0) return false;
    const d = await tx.deployment.findUniqueOrThrow({ where: { id }, select: { machineId: true } });
    await tx.event.create({ data: { kind: "deploy.started", machineId: d.machineId, payload: { deploymentId: id, command } } });
    return true;
  });
}

export async function saveOutput(id: string, output: string): Promise<void> {
  await db.deployment.updateMany({ where: { id, status: "running" }, data: { output } });
}

export async function finishDeployment(
  id: string,
  result: { succeeded: boolean; exitCode: number | null; recap: Recap | null; output: string; reason?: string },
): Promise<void> {
  await db.$transaction(async (tx) => {
    const d = await tx.deployment.update({
      where: { id },
      data: {
        status: result.succeeded ? "succeeded" : "failed",
        exitCode: result.exitCode,
        recap: (result.recap ?? undefined) as Prisma.InputJsonValue | undefined,
        output: result.output,
        finishedAt: new Date(),
      },
      select: { machineId: true, queuedAt: true },
    });
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
  });
}
