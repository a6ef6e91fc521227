import { AppError } from "@/lib/http/errors";
import { powerTargetFor } from "./credentials";
import { pickDriver, type PowerAction, type PowerFailureReason, type PowerOptions } from "./driver";
import { recordPowerAction } from "./mutations";
import { getPowerMachineOrThrow } from "./queries";

// Failures the operator fixes in the machine's BMC settings (422) versus ones where the
// BMC or the network let us down and a later try may work (503).
const SETTINGS_PROBLEMS: PowerFailureReason[] = ["invalid_target", "auth_failed", "insufficient_privilege", "unsupported", "tls"];

export interface PowerActionResult {
  machine: { id: string; hostname: string };
  protocol: string;
  action: PowerAction;
  ok: true;
  sent: boolean;
  detail: string;
  durationMs: number;
  eventId: string;
}

/**
 * Performs one power action on a machine through its BMC and records it (event + audit),
 * whatever the outcome. A failure is recorded first, then thrown as an AppError whose
 * details carry the reason, so API callers get a non-2xx answer.
 */
export async function performPowerAction(
  ref: string,
  action: PowerAction,
  by: { actor: string; sourceIp?: string | null; rolloutId?: string | null },
  opts?: PowerOptions,
): Promise<PowerActionResult> {
  const machine = await getPowerMachineOrThrow(ref);
  const target = powerTargetFor(machine);
  const driver = await pickDriver(target.protocol);
  const started = performance.now();
  const outcome = await driver.perform(target, action, opts);
  const durationMs = Math.round(performance.now() - started);
  const { eventId } = await recordPowerAction({ machine, protocol: target.protocol, action, outcome, durationMs, ...by });
  const summary = { machine: { id: machine.id, hostname: machine.hostname }, protocol: target.protocol, action, durationMs, eventId: eventId.toString() };
  if (!outcome.ok) {
    const code = SETTINGS_PROBLEMS.includes(outcome.reason) ? "unprocessable" : "unavailable";
    throw new AppError(code, `${action} of ${machine.hostname} over ${target.protocol} failed: ${outcome.message}`, { ...summary, reason: outcome.reason });
  }
  return { ...summary, ok: true, sent: outcome.sent, detail: outcome.detail };
}

export interface PowerStateResult {
  machine: { id: string; hostname: string };
  protocol: string;
  state: "on" | "off" | "unknown";
  detail: string;
}

/**
 * Whether the machine is on, as its BMC says now. Changes nothing, so it records no event.
 * SSH, which reaches only a running machine, cannot tell: "unknown".
 */
export async function readPowerState(ref: string, opts?: PowerOptions): Promise<PowerStateResult> {
  const machine = await getPowerMachineOrThrow(ref);
  const target = powerTargetFor(machine);
  const driver = await pickDriver(target.protocol);
  const base = { machine: { id: machine.id, hostname: machine.hostname }, protocol: target.protocol };
  if (!driver.status) return { ...base, state: "unknown", detail: `${target.protocol} cannot tell whether a machine is off` };
  const status = await driver.status(target, opts);
  if (!status.ok) {
    const code = SETTINGS_PROBLEMS.includes(status.reason) ? "unprocessable" : "unavailable";
    throw new AppError(code, `reading the power of ${machine.hostname} over ${target.protocol} failed: ${status.message}`, { ...base, reason: status.reason });
  }
  return { ...base, state: status.state, detail: status.detail };
}
