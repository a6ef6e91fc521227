import { PowerFailure, type PowerAction } from "./driver";

// Preference orders. A restart is what a reboot-to-update wants; ForceRestart is the one
// BMCs implement most uniformly, PowerCycle is the fallback some only offer. A graceful
// restart depends on an OS that listens to ACPI, which a hung machine does not.
const RESTART = ["ForceRestart", "PowerCycle"];
const POWER_ON = ["On", "PowerCycle", "PushPowerButton"];
const POWER_OFF = ["ForceOff", "GracefulShutdown"];

/**
 * The ResetType to send for `action`, or null when there is nothing to do. `allowed` is the
 * BMC's ResetType@Redfish.AllowableValues; the annotation is optional in Redfish, and
 * without it the first preference is assumed to work.
 */
export function chooseResetType(action: PowerAction, powerState: string | undefined, allowed: string[] | undefined): string | null {
  const off = powerState === "Off";
  if (action === "on" && powerState === "On") return null;
  if (action === "off" && off) return null;
  // A restart of a system that is off fails on many BMCs: power it on instead, which
  // boots it just the same (and honours the one-time boot override).
  const wanted = action === "off" ? POWER_OFF : action === "on" || off ? POWER_ON : RESTART;
  if (!allowed) return wanted[0];
  const pick = wanted.find((t) => allowed.includes(t));
  if (pick) return pick;
  throw new PowerFailure("unsupported", `the BMC offers no suitable ResetType for "${action}" (it allows ${allowed.join(", ") || "none"}; wanted one of ${wanted.join(", ")})`);
}
