import { pgPool } from "@/lib/db/pool";
import type { Machine } from "@/lib/generated/prisma/client";
import type { BmcType } from "@/lib/generated/prisma/enums";
import { powerTargetFor } from "@/lib/power/credentials";
import { pickDriver, type PowerOutcome, type PowerTarget } from "@/lib/power/driver";
import { recordPowerAction } from "@/lib/power/mutations";
import { powerMethods } from "./select";
import { stepParams, stepResultUpdate, stepValues, type StepResult } from "./step-result";

function sshTargetFor(machine: { ipv4: string | null }): PowerTarget {
  return { protocol: "ssh", address: machine.ipv4 ?? "", username: process.env.FLEETBOOT_SSH_USER?.trim() || "root" };
}

type PowerMachine = Pick<Machine, "id" | "hostname" | "ipv4" | "bootId" | "bmcType" | "bmcAddress" | "bmcPort" | "bmcUsername" | "bmcPasswordEnc" | "bmcSystemId" | "bmcTls">;

// A step's result without a power action to record with it (none went through).
const stepOnly = stepParams(1);
const WRITE_STEP = {
  name: "fleetboot_step_result",
  text: `
    WITH upd AS (${stepResultUpdate(stepOnly)})
    INSERT INTO events (kind, machine_id, rollout_id, payload)
    SELECT 'rollout.step', u.machine_id, u.rollout_id,
           jsonb_build_object('hostname', m.hostname, 'batch', u.batch, 'state', ${stepOnly.state}::text, 'note', ${stepOnly.note}::text)
    FROM upd u JOIN machines m ON m.id = u.machine_id`,
};

async function writeStep(step: StepResult) {
  await pgPool().query({ ...WRITE_STEP, values: stepValues(step) });
}

// The machine behind a step still to be powered, with its power settings.
const POWER_MACHINE = {
  name: "fleetboot_power_machine",
  text: `
    SELECT m.id::text, m.hostname, host(m.ipv4) AS ipv4, m.boot_id AS "bootId", m.bmc_type AS "bmcType", m.bmc_address AS "bmcAddress",
           m.bmc_port AS "bmcPort", m.bmc_username AS "bmcUsername", m.bmc_password_enc AS "bmcPasswordEnc", m.bmc_system_id AS "bmcSystemId", m.bmc_tls AS "bmcTls"
    FROM rollout_steps s JOIN machines m ON m.id = s.machine_id
    WHERE s.id = $1::uuid AND s.state = 'powering'`,
};

/**
 * Sends one step's power action (network boot once, then reset) and writes the result with
 * the power event and audit entry in one transaction. Protocols are tried in the rollout's
 * order, moving on only when the last one certainly did nothing (refused, unreachable,
 * wrong credentials); a timeout may have reached the BMC, so the step then waits for
 * evidence instead of trying again.
 */
export async function powerStep(stepId: string, rollout: { id: string; name: string; powerOrder: BmcType[] }): Promise<void> {
  const {
    rows: [machine],
  } = await pgPool().query<PowerMachine>({ ...POWER_MACHINE, values: [stepId] });
  if (!machine) return;
  const actor = `rollout ${rollout.name || rollout.id.slice(0, 8)}`;
  let lastError = "no power driver";
  for (const protocol of powerMethods(machine, rollout.powerOrder)) {
    let target: PowerTarget;
    try {
      target = protocol === machine.bmcType ? powerTargetFor(machine) : sshTargetFor(machine);
    } catch (err) {
      lastError = (err as Error).message;
      continue;
    }
    const driver = await pickDriver(protocol);
    const started = performance.now();
    let outcome: PowerOutcome;
    try {
      outcome = await driver.perform(target, "pxe-cycle");
    } catch (err) {
      outcome = { ok: false, reason: "bmc_error", message: (err as Error).message, steps: [] };
    }
    const durationMs = Math.round(performance.now() - started);
    const uncertain = !outcome.ok && outcome.reason === "timeout";
    const next = outcome.ok
      ? { state: "waiting" as const, note: `power action sent over ${protocol}: waiting for the machine to fetch its boot script`, powered: true, method: protocol }
      : uncertain
        ? { state: "waiting" as const, note: `the BMC did not answer in time (${outcome.message}): waiting to see whether the machine reboots; it is not power-cycled again`, powered: false, method: protocol }
        : null;
    await recordPowerAction({
      machine, protocol, action: "pxe-cycle", outcome, durationMs, actor, rolloutId: rollout.id,
      step: next ? { id: stepId, ...next } : undefined,
    });
    if (next) return;
    lastError = `${protocol}: ${outcome.ok ? "" : outcome.message}`;
  }
  await writeStep({ id: stepId, state: "failed", note: `no power action went through (${lastError})`, powered: false, method: null, error: lastError });
}
