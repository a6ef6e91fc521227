import { pgPool } from "@/lib/db/pool";
import type { BmcType } from "@/lib/generated/prisma/enums";
import { currentSourceIp } from "@/lib/http/request-context";
import { stepParams, stepResultUpdate, stepValues, type StepResult } from "@/lib/rollouts/step-result";
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

// The power record: a named prepared statement on the plain pool (a rollout writes one per
// machine, 128 at once by default). Parameters $1–$12 are the action's, $13–$18 its step's.
const step = stepParams(13);
const RECORD = {
  name: "fleetboot_power_record",
  text: `
    WITH machine AS (
      UPDATE machines SET
        bmc_system_id = CASE WHEN $1::text IS NOT NULL AND bmc_system_id IS NOT DISTINCT FROM $2::text THEN $1::text ELSE bmc_system_id END,
        updated_at = CASE WHEN $1::text IS NOT NULL AND bmc_system_id IS NOT DISTINCT FROM $2::text THEN now() ELSE updated_at END,
        state = CASE WHEN $3::boolean AND boot_id IS NOT DISTINCT FROM $4::text THEN 'rebooting'::"MachineState" ELSE state END,
        state_changed_at = CASE WHEN $3::boolean AND boot_id IS NOT DISTINCT FROM $4::text THEN now() ELSE state_changed_at END
      WHERE id = $5::uuid
        AND (($1::text IS NOT NULL AND bmc_system_id IS NOT DISTINCT FROM $2::text)
          OR ($3::boolean AND boot_id IS NOT DISTINCT FROM $4::text))
      RETURNING id
    ), step AS (${stepResultUpdate(step)}), ev AS (
      INSERT INTO events (kind, machine_id, rollout_id, payload)
      SELECT e.kind, e.machine_id, e.rollout_id, e.payload FROM (
        SELECT 1 AS n, 'power.action' AS kind, $5::uuid AS machine_id, $6::uuid AS rollout_id, $7::jsonb AS payload
        UNION ALL
        SELECT 2, 'rollout.step', s.machine_id, s.rollout_id,
               jsonb_build_object('hostname', $8::text, 'batch', s.batch, 'state', ${step.state}::text, 'note', ${step.note}::text)
        FROM step s
      ) e
      ORDER BY e.n
      RETURNING id, kind
    ), audit AS (
      INSERT INTO audit_entries (actor, action, target_type, target_id, changes, source_ip)
      SELECT $9::text, 'machine.power', 'machine', $10::text, $11::jsonb || jsonb_build_object('eventId', ev.id::text), $12::text
      FROM ev WHERE ev.kind = 'power.action'
    )
    SELECT id FROM ev WHERE kind = 'power.action'`,
};

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
  const values = [
    systemId, machine.bmcSystemId, rebooting, machine.bootId, machine.id, r.rolloutId ?? null, payload, machine.hostname,
    r.actor, machine.id, JSON.stringify(summary), sourceIp, ...stepValues(step),
  ];
  const { rows } = await pgPool().query<{ id: string }>({ ...RECORD, values });
  return { eventId: BigInt(rows[0].id) };
}
