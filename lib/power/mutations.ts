import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { BmcType } from "@/lib/generated/prisma/enums";
import { currentSourceIp } from "@/lib/http/request-context";
import { stepResultUpdate, type StepResult } from "@/lib/rollouts/step-result";
import type { PowerAction, PowerOutcome } from "./driver";

export interface PowerRecord {
  machine: { id: string; hostname: string; bmcSystemId: string | null; bootId: string | null };
  protocol: BmcType;
  action: PowerAction;
  outcome: PowerOutcome;
  durationMs: number;
  actor: string;
  sourceIp?: string | null;
  rolloutId?: string | null;
  /** A rollout step whose result this action is, written with it (only while it is `powering`). */
  step?: StepResult;
}

// No rollout step: the step CTE yields no row, so no step event either.
const NO_STEP = Prisma.sql`SELECT NULL::uuid AS machine_id, NULL::uuid AS rollout_id, NULL::int AS batch WHERE false`;

/**
 * Writes what a power action did, in one statement: the event, the audit entry, the
 * Redfish system id learned on the way, the machine's move to `rebooting` and, for a
 * rollout, its step's result with the step's event. Nothing here may hold a password:
 * outcomes carry reasons and protocol steps only.
 */
export async function recordPowerAction(r: PowerRecord): Promise<{ eventId: bigint }> {
  const { outcome, machine, step } = r;
  const summary = {
    hostname: machine.hostname,
    protocol: r.protocol,
    action: r.action,
    outcome: outcome.ok ? "ok" : "failed",
    reason: outcome.ok ? null : outcome.reason,
    message: outcome.ok ? outcome.detail : outcome.message,
    durationMs: r.durationMs,
  };
  // Conditional: an edit of the BMC settings meanwhile wins over what was discovered.
  const systemId = outcome.systemId && outcome.systemId !== machine.bmcSystemId ? outcome.systemId : null;
  // Unless the machine has already fetched a new boot script meanwhile (a fast BMC): its
  // newer state wins over "rebooting".
  const rebooting = outcome.ok && outcome.sent && r.action !== "off";
  const payload = JSON.stringify({ ...summary, actor: r.actor, steps: outcome.steps });
  const sourceIp = r.sourceIp ?? (await currentSourceIp());
  const [row] = await db.$queryRaw<{ id: bigint }[]>`
    WITH machine AS (
      UPDATE machines SET
        bmc_system_id = CASE WHEN ${systemId}::text IS NOT NULL AND bmc_system_id IS NOT DISTINCT FROM ${machine.bmcSystemId}::text THEN ${systemId}::text ELSE bmc_system_id END,
        updated_at = CASE WHEN ${systemId}::text IS NOT NULL AND bmc_system_id IS NOT DISTINCT FROM ${machine.bmcSystemId}::text THEN now() ELSE updated_at END,
        state = CASE WHEN ${rebooting} AND boot_id IS NOT DISTINCT FROM ${machine.bootId}::text THEN 'rebooting'::"MachineState" ELSE state END,
        state_changed_at = CASE WHEN ${rebooting} AND boot_id IS NOT DISTINCT FROM ${machine.bootId}::text THEN now() ELSE state_changed_at END
      WHERE id = ${machine.id}::uuid
        AND ((${systemId}::text IS NOT NULL AND bmc_system_id IS NOT DISTINCT FROM ${machine.bmcSystemId}::text)
          OR (${rebooting} AND boot_id IS NOT DISTINCT FROM ${machine.bootId}::text))
      RETURNING id
    ), step AS (${step ? stepResultUpdate(step) : NO_STEP}), ev AS (
      INSERT INTO events (kind, machine_id, rollout_id, payload)
      SELECT e.kind, e.machine_id, e.rollout_id, e.payload FROM (
        SELECT 1 AS n, 'power.action' AS kind, ${machine.id}::uuid AS machine_id, ${r.rolloutId ?? null}::uuid AS rollout_id, ${payload}::jsonb AS payload
        UNION ALL
        SELECT 2, 'rollout.step', s.machine_id, s.rollout_id,
               jsonb_build_object('hostname', ${machine.hostname}::text, 'batch', s.batch, 'state', ${step?.state ?? null}::text, 'note', ${step?.note ?? null}::text)
        FROM step s
      ) e
      ORDER BY e.n
      RETURNING id, kind
    ), audit AS (
      INSERT INTO audit_entries (actor, action, target_type, target_id, changes, source_ip)
      SELECT ${r.actor}, 'machine.power', 'machine', ${machine.id}, ${JSON.stringify(summary)}::jsonb || jsonb_build_object('eventId', ev.id::text), ${sourceIp}
      FROM ev WHERE ev.kind = 'power.action'
    )
    SELECT id FROM ev WHERE kind = 'power.action'`;
  return { eventId: row.id };
}
