import { runCommand } from "@/lib/deploy/run";
import { safeHost, safePort, safeUser } from "./argv";
import { asOutcome, asStatus, PowerFailure, type PowerDriver, type PowerTarget, type Trail } from "./driver";
import { ipmiFailure } from "./ipmi-output";

export interface IpmiSettings {
  binary: string;
  /** RMCP+ cipher suite. Pinning it skips ipmitool's negotiation, which costs ~10 s per command. */
  cipherSuite: string;
  /** Session privilege; a trailing "+" asks the BMC to match name and privilege (ipmitool -L). */
  privilege: string;
  /** Per-command bound on top of ipmitool's own -N 1 -R 1 (~2 s against a dead BMC). */
  timeoutMs: number;
}

const PRIVILEGE = /^(OPERATOR|ADMINISTRATOR)\+?$/;

export function ipmiSettingsFromEnv(env: Record<string, string | undefined> = process.env): IpmiSettings {
  const cipherSuite = env.FLEETBOOT_IPMI_CIPHER_SUITE?.trim() || "3";
  const privilege = env.FLEETBOOT_IPMI_PRIVILEGE?.trim().toUpperCase() || "ADMINISTRATOR";
  if (!/^\d{1,2}$/.test(cipherSuite)) throw new Error(`FLEETBOOT_IPMI_CIPHER_SUITE must be a cipher suite number, not ${JSON.stringify(cipherSuite)}`);
  if (!PRIVILEGE.test(privilege)) throw new Error("FLEETBOOT_IPMI_PRIVILEGE must be OPERATOR or ADMINISTRATOR (optionally with a trailing +)");
  return { binary: env.FLEETBOOT_IPMITOOL?.trim() || "ipmitool", cipherSuite, privilege, timeoutMs: 15_000 };
}

export function createIpmiDriver(settings: IpmiSettings): PowerDriver {
  return {
    async perform(target, action, opts = {}) {
      const trail: Trail = { steps: [] };
      return asOutcome(trail, async () => {
        const ipmi = session(settings, target, opts.timeoutMs ?? settings.timeoutMs, trail);
        if (action === "on") return `${await ipmi("chassis", "power", "on")}`;
        if (action === "off") return `${await ipmi("chassis", "power", "off")}`;
        // The boot device goes first: a cycle that races ahead would boot from the old device.
        if (action === "pxe-cycle") await ipmi("chassis", "bootdev", "pxe");
        const status = await ipmi("chassis", "power", "status");
        // "power cycle" is refused (or ignored) by many BMCs while the chassis is off.
        const verb = /\bis off\b/i.test(status) ? "on" : "cycle";
        const done = await ipmi("chassis", "power", verb);
        return `${action === "pxe-cycle" ? "boot device pxe, then " : ""}${done} (power was ${/\bis off\b/i.test(status) ? "off" : "on"})`;
      });
    },
    async status(target, opts = {}) {
      return asStatus(async () => {
        const detail = await session(settings, target, opts.timeoutMs ?? settings.timeoutMs, { steps: [] })("chassis", "power", "status");
        return { state: /\bis on\b/i.test(detail) ? "on" : /\bis off\b/i.test(detail) ? "off" : "unknown", detail };
      });
    },
  };
}

export const ipmiDriver: PowerDriver = {
  perform: (target, action, opts) => createIpmiDriver(ipmiSettingsFromEnv()).perform(target, action, opts),
  status: (target, opts) => createIpmiDriver(ipmiSettingsFromEnv()).status!(target, opts),
};

/** Returns a runner of one ipmitool command against `target`. */
function session(settings: IpmiSettings, target: PowerTarget, timeoutMs: number, trail: Trail) {
  const host = safeHost(target.address);
  const port = safePort(target.port, 623);
  const user = safeUser(target.username);
  const where = `${host}:${port}`;
  // -E: the password travels in the environment of ipmitool alone, never on its command
  // line, where any local user could read it with ps.
  const base = [settings.binary, "-I", "lanplus", "-C", settings.cipherSuite, "-L", settings.privilege, "-N", "1", "-R", "1", "-v", "-H", host, "-p", port, "-U", user, "-E"];
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C", IPMI_PASSWORD: target.password ?? "" };
  return async (...command: string[]): Promise<string> => {
    let output = "";
    const started = Date.now();
    const result = await runCommand([...base, ...command], { timeoutMs, env, onOutput: (t) => (output += t) });
    trail.steps.push(`ipmitool ${command.join(" ")} → ${result.timedOut ? "timed out" : `exit ${result.exitCode}`} in ${Date.now() - started} ms`);
    if (result.error) {
      if (/ENOENT/.test(result.error)) throw new PowerFailure("tool_missing", `${settings.binary} is not installed on the console host (Debian package ipmitool)`);
      throw new PowerFailure("bmc_error", `could not run ${settings.binary}: ${result.error}`);
    }
    if (result.timedOut) throw new PowerFailure("timeout", `ipmitool ${command.join(" ")} against ${where} did not finish within ${timeoutMs} ms`);
    const failure = ipmiFailure(output, result.exitCode, where, user);
    if (failure) throw failure;
    const answer = output.split("\n").map((l) => l.trim()).filter((l) => /^(Chassis Power|Set Boot Device)/.test(l));
    return answer.join("; ") || command.join(" ");
  };
}
