import { PowerFailure } from "./driver";

// ipmitool -v chatter that appears on success too. The HPM.x probe in particular fails
// with completion code d4 (insufficient privilege) on any session below ADMINISTRATOR,
// which says nothing about the command that follows.
const NOISE = [/^Loading IANA PEN Registry/, /^Running Get VSO Capabilities/, /^Invalid completion code received: Invalid command/, /^Discovered IPMB address/, /^Get HPM\.x Capabilities request failed/];

const RULES: [RegExp, PowerFailure["reason"], (where: string, user: string) => string][] = [
  [/Address lookup for .* failed/, "unreachable", (w) => `the BMC host name of ${w} does not resolve`],
  [/Get Auth Capabilities error|No response from remote controller|Timeout in open session response|Could not open socket/, "unreachable", (w) => `no answer from the BMC at ${w} (down, wrong address or port, or UDP blocked)`],
  [/RAKP [24] HMAC is invalid|integrity check value/i, "auth_failed", (w, u) => `the BMC at ${w} refused the password of ${u}`],
  [/unauthorized name/, "auth_failed", (w, u) => `the BMC at ${w} has no user ${u} at the requested privilege level`],
  [/invalid role|unauthorized role|insufficient resources for role|Insufficient privilege level/i, "insufficient_privilege", (w, u) => `${u} on the BMC at ${w} lacks the privilege to control power (it needs OPERATOR or ADMINISTRATOR)`],
  [/invalid (authentication|integrity|confidentiality) algorithm|no matching cipher suite|No cipher suite/i, "unsupported", (w) => `the BMC at ${w} does not accept this cipher suite; set FLEETBOOT_IPMI_CIPHER_SUITE to one it supports`],
];

export function meaningfulLines(output: string): string[] {
  return output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !NOISE.some((re) => re.test(l)));
}

/**
 * Turns ipmitool's output into a failure, or null when the command worked. The exit code
 * alone is not enough: `chassis bootdev` exits 0 even when the BMC refused to set the boot
 * parameters ("Set Chassis Boot Parameter 5 failed: …").
 */
export function ipmiFailure(output: string, exitCode: number | null, where: string, user: string): PowerFailure | null {
  const lines = meaningfulLines(output);
  const failed = lines.filter((l) => /failed|error|unable|insufficient|unauthorized|invalid/i.test(l));
  if (exitCode === 0 && failed.length === 0) return null;
  const text = lines.join("\n");
  for (const [re, reason, say] of RULES) if (re.test(text)) return new PowerFailure(reason, say(where, user));
  const said = (failed.length ? failed : lines).slice(-2).join("; ").slice(0, 300) || `exit code ${exitCode}`;
  return new PowerFailure("bmc_error", `ipmitool against ${where} failed: ${said}`);
}
