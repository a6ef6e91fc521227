import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pool";
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

// A deployment's claim and end are two of the few statements every machine's boot runs
// (with report-in, lib/boot/report.ts): named prepared statements on the plain pool.
const CLAIM = {
  name: "fleetboot_deploy_claim",
  text: `
    WITH before AS (
      SELECT id, status FROM deployments WHERE id = $1::uuid FOR UPDATE
    ), claimed AS (
      UPDATE deployments d SET status = 'running', started_at = $2::timestamptz, command = $3::text[], output = ''
      FROM before WHERE d.id = before.id AND before.status IN ('queued', 'running')
      RETURNING d.id, d.machine_id, before.status = 'running' AS retry
    ), ev AS (
      INSERT INTO events (kind, machine_id, payload)
      SELECT 'deploy.started', machine_id,
             $4::jsonb || CASE WHEN retry THEN jsonb_build_object('retry', 'the worker that ran it before stopped') ELSE '{}' END
      FROM claimed
    )
    SELECT id::text FROM claimed`,
};

/**
 * Marks the deployment running and returns the claim (its new start time), or null when
 * it is finished. A retried job whose worker died finds it still running and takes it
 * over; the claim fences the writes of the attempt it replaced, should that one still
 * be alive somewhere. One statement: the row is locked to read the status it replaces.
 */
export async function claimDeployment(id: string, command: string[]): Promise<Date | null> {
  const claim = new Date();
  const payload = JSON.stringify({ deploymentId: id, command });
  const { rows } = await pgPool().query<{ id: string }>({ ...CLAIM, values: [id, claim, command, payload] });
  return rows.length ? claim : null;
}

export async function saveOutput(id: string, claim: Date, output: string): Promise<void> {
  await db.deployment.updateMany({ where: { id, status: "running", startedAt: claim }, data: { output } });
}

type DeployResult = { succeeded: boolean; exitCode: number | null; recap: Recap | null; output: string; reason?: string };

/**
 * The end of a deployment, in one statement: `finished` (an UPDATE of deployments
 * returning id, machine_id, queued_at, boot_id, with its own parameters before the three
 * used here) decides; the machine follows only when this is its newest deployment; the
 * deploy.succeeded/failed event goes with it.
 */
function settleStatement(name: string, finished: string, params: number) {
  const [state, kind, payload] = [params + 1, params + 2, params + 3].map((n) => `$${n}`);
  return {
    name,
    text: `
    WITH fin AS (${finished}), machine AS (
      UPDATE machines m SET state = ${state}::"MachineState", state_changed_at = now(), updated_at = now()
      FROM fin
      WHERE m.id = fin.machine_id AND m.state IN ('deploying', 'ready', 'failed')
        -- Checked again on the row's newest version when the statement waited for its lock:
        -- a boot that began meanwhile is not this deployment's to settle (the NOT EXISTS
        -- below sees only what had committed when the statement started).
        AND m.boot_id IS NOT DISTINCT FROM fin.boot_id
        AND NOT EXISTS (SELECT 1 FROM deployments n WHERE n.machine_id = fin.machine_id AND n.queued_at > fin.queued_at)
    ), ev AS (
      INSERT INTO events (kind, machine_id, payload)
      SELECT ${kind}, machine_id, jsonb_build_object('deploymentId', id) || ${payload}::jsonb
      FROM fin
    )
    SELECT id::text FROM fin`,
  };
}

const FINISH = settleStatement(
  "fleetboot_deploy_finish",
  `UPDATE deployments SET status = $2::"DeploymentStatus", exit_code = $3::int,
     recap = COALESCE($4::jsonb, recap), output = $5, finished_at = now()
   WHERE id = $1::uuid AND status = 'running' AND started_at = $6::timestamptz
   RETURNING id, machine_id, queued_at, boot_id`,
  6,
);

const ABANDON = settleStatement(
  "fleetboot_deploy_abandon",
  `UPDATE deployments SET status = 'failed', finished_at = now(), output = output || $2
   WHERE id = $1::uuid AND status IN ('queued', 'running')
   RETURNING id, machine_id, queued_at, boot_id`,
  2,
);

async function settle(statement: { name: string; text: string }, values: unknown[], result: Omit<DeployResult, "output">): Promise<boolean> {
  const payload = JSON.stringify({ exitCode: result.exitCode, reason: result.reason ?? null, ...(result.recap ?? {}) });
  const tail = [result.succeeded ? "ready" : "failed", result.succeeded ? "deploy.succeeded" : "deploy.failed", payload];
  const { rows } = await pgPool().query<{ id: string }>({ ...statement, values: [...values, ...tail] });
  return rows.length > 0;
}

/** Records the result of the attempt that holds `claim`; false when another attempt took over. */
export async function finishDeployment(id: string, claim: Date, result: DeployResult): Promise<boolean> {
  const status = result.succeeded ? "succeeded" : "failed";
  return settle(FINISH, [id, status, result.exitCode, result.recap ? JSON.stringify(result.recap) : null, result.output, claim], result);
}

/** A deployment no worker could finish (each attempt's worker died): failed, with why. */
export async function abandonDeployment(id: string, reason: string): Promise<boolean> {
  return settle(ABANDON, [id, `\n[fleetboot] ${reason}\n`], { succeeded: false, exitCode: null, recap: null, reason });
}
