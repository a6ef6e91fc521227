import { db } from "@/lib/db";
import { type DeploymentTrigger, Prisma } from "@/lib/generated/prisma/client";
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
 * be alive somewhere. One statement: the row is locked to read the status it replaces.
 */
export async function claimDeployment(id: string, command: string[]): Promise<Date | null> {
  const claim = new Date();
  const payload = JSON.stringify({ deploymentId: id, command });
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH before AS (
      SELECT id, status FROM deployments WHERE id = ${id}::uuid FOR UPDATE
    ), claimed AS (
      UPDATE deployments d SET status = 'running', started_at = ${claim}::timestamptz, command = ${command}::text[], output = ''
      FROM before WHERE d.id = before.id AND before.status IN ('queued', 'running')
      RETURNING d.id, d.machine_id, before.status = 'running' AS retry
    ), ev AS (
      INSERT INTO events (kind, machine_id, payload)
      SELECT 'deploy.started', machine_id,
             ${payload}::jsonb || CASE WHEN retry THEN jsonb_build_object('retry', 'the worker that ran it before stopped') ELSE '{}' END
      FROM claimed
    )
    SELECT id::text FROM claimed`;
  return rows.length ? claim : null;
}

export async function saveOutput(id: string, claim: Date, output: string): Promise<void> {
  await db.deployment.updateMany({ where: { id, status: "running", startedAt: claim }, data: { output } });
}

type DeployResult = { succeeded: boolean; exitCode: number | null; recap: Recap | null; output: string; reason?: string };

/**
 * The end of a deployment, in one statement: `finished` (an UPDATE of deployments
 * returning id, machine_id, queued_at, boot_id) decides; the machine follows only when this is its
 * newest deployment; the deploy.succeeded/failed event goes with it.
 */
async function settle(finished: Prisma.Sql, result: Omit<DeployResult, "output">): Promise<boolean> {
  const payload = JSON.stringify({ exitCode: result.exitCode, reason: result.reason ?? null, ...(result.recap ?? {}) });
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH fin AS (${finished}), machine AS (
      UPDATE machines m SET state = ${result.succeeded ? "ready" : "failed"}::"MachineState", state_changed_at = now(), updated_at = now()
      FROM fin
      WHERE m.id = fin.machine_id AND m.state IN ('deploying', 'ready', 'failed')
        -- Checked again on the row's newest version when the statement waited for its lock:
        -- a boot that began meanwhile is not this deployment's to settle (the NOT EXISTS
        -- below sees only what had committed when the statement started).
        AND m.boot_id IS NOT DISTINCT FROM fin.boot_id
        AND NOT EXISTS (SELECT 1 FROM deployments n WHERE n.machine_id = fin.machine_id AND n.queued_at > fin.queued_at)
    ), ev AS (
      INSERT INTO events (kind, machine_id, payload)
      SELECT ${result.succeeded ? "deploy.succeeded" : "deploy.failed"}, machine_id, jsonb_build_object('deploymentId', id) || ${payload}::jsonb
      FROM fin
    )
    SELECT id::text FROM fin`;
  return rows.length > 0;
}

/** Records the result of the attempt that holds `claim`; false when another attempt took over. */
export async function finishDeployment(id: string, claim: Date, result: DeployResult): Promise<boolean> {
  return settle(
    Prisma.sql`
      UPDATE deployments SET status = ${result.succeeded ? "succeeded" : "failed"}::"DeploymentStatus", exit_code = ${result.exitCode}::int,
        recap = COALESCE(${result.recap ? JSON.stringify(result.recap) : null}::jsonb, recap), output = ${result.output}, finished_at = now()
      WHERE id = ${id}::uuid AND status = 'running' AND started_at = ${claim}::timestamptz
      RETURNING id, machine_id, queued_at, boot_id`,
    result,
  );
}

/** A deployment no worker could finish (each attempt's worker died): failed, with why. */
export async function abandonDeployment(id: string, reason: string): Promise<boolean> {
  return settle(
    Prisma.sql`
      UPDATE deployments SET status = 'failed', finished_at = now(), output = output || ${`\n[fleetboot] ${reason}\n`}
      WHERE id = ${id}::uuid AND status IN ('queued', 'running')
      RETURNING id, machine_id, queued_at, boot_id`,
    { succeeded: false, exitCode: null, recap: null, reason },
  );
}
