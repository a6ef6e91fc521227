import { runCommand } from "@/lib/deploy/run";
import { safeHost, safePort, safeUser } from "./argv";
import { asOutcome, PowerFailure, type PowerDriver, type Trail } from "./driver";

export interface SshSettings {
  binary: string;
  /** Private key file (FLEETBOOT_SSH_KEY); without it ssh uses the console user's own keys. */
  keyFile?: string;
  /** Live-booted machines may get a new host key on every boot; point this at a file the console owns. */
  knownHostsFile?: string;
  hostKeyChecking: "yes" | "accept-new" | "no";
  timeoutMs: number;
}

// Printed by the remote shell just before the reboot starts: past this point a dropped
// connection is the reboot tearing sshd down, not a failure.
const MARK = "fleetboot-power-sent";

export function sshSettingsFromEnv(env: Record<string, string | undefined> = process.env): SshSettings {
  const checking = env.FLEETBOOT_SSH_HOST_KEY_CHECKING?.trim() || "accept-new";
  if (checking !== "yes" && checking !== "accept-new" && checking !== "no") throw new Error("FLEETBOOT_SSH_HOST_KEY_CHECKING must be yes, accept-new or no");
  return {
    binary: env.FLEETBOOT_SSH?.trim() || "ssh",
    keyFile: env.FLEETBOOT_SSH_KEY?.trim() || undefined,
    knownHostsFile: env.FLEETBOOT_SSH_KNOWN_HOSTS?.trim() || undefined,
    hostKeyChecking: checking,
    timeoutMs: 20_000,
  };
}

export function createSshDriver(settings: SshSettings): PowerDriver {
  return {
    async perform(target, action, opts = {}) {
      const trail: Trail = { steps: [] };
      return asOutcome(trail, async () => {
        if (action === "on") throw new PowerFailure("unsupported", "SSH cannot power on a machine that is off; give it a Redfish or IPMI BMC");
        const host = safeHost(target.address);
        const user = safeUser(target.username);
        const verb = action === "off" ? "poweroff" : "reboot";
        const argv = [settings.binary, "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "ServerAliveInterval=2", "-o", "ServerAliveCountMax=2", "-o", `StrictHostKeyChecking=${settings.hostKeyChecking}`];
        if (settings.knownHostsFile) argv.push("-o", `UserKnownHostsFile=${settings.knownHostsFile}`);
        if (settings.keyFile) argv.push("-o", "IdentitiesOnly=yes", "-i", settings.keyFile);
        // -l and "--" keep the user name and the host out of option parsing; the remote
        // command is a constant, so nothing from the database reaches the remote shell.
        argv.push("-p", safePort(target.port, 22), "-l", user, "--", host, `echo ${MARK}; exec systemctl ${verb}`);
        let output = "";
        const started = Date.now();
        const timeoutMs = opts.timeoutMs ?? settings.timeoutMs;
        const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/", LANG: "C", ...(process.env.SSH_AUTH_SOCK ? { SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK } : {}) };
        const result = await runCommand(argv, { timeoutMs, env, onOutput: (t) => (output += t) });
        trail.steps.push(`ssh ${user}@${host} systemctl ${verb} → ${result.timedOut ? "timed out" : `exit ${result.exitCode}`} in ${Date.now() - started} ms`);
        if (result.error) {
          if (/ENOENT/.test(result.error)) throw new PowerFailure("tool_missing", `${settings.binary} is not installed on the console host (Debian package openssh-client)`);
          throw new PowerFailure("bmc_error", `could not run ${settings.binary}: ${result.error}`);
        }
        const sent = output.includes(MARK);
        if (sent && result.exitCode === 0) return `systemctl ${verb} ran`;
        // 255 is ssh's own "connection lost"; any other code is systemctl's refusal.
        if (sent && (result.exitCode === 255 || result.timedOut || result.signal)) return `systemctl ${verb} sent; the connection dropped as the machine went down`;
        if (sent) {
          const said = output.replace(MARK, "").trim().slice(0, 300);
          const reason = /access denied|authentication required|not permitted|must be root/i.test(said) ? "insufficient_privilege" : "bmc_error";
          throw new PowerFailure(reason, `systemctl ${verb} on ${host} failed (exit ${result.exitCode}): ${said || "no output"}`);
        }
        if (result.timedOut) throw new PowerFailure("timeout", `ssh to ${host} did not finish within ${timeoutMs} ms`);
        throw sshFailure(output, host, user);
      });
    },
  };
}

export const sshDriver: PowerDriver = {
  perform: (target, action, opts) => createSshDriver(sshSettingsFromEnv()).perform(target, action, opts),
};

function sshFailure(output: string, host: string, user: string): PowerFailure {
  const last = output.split("\n").map((l) => l.trim()).filter(Boolean).slice(-2).join("; ").slice(0, 300);
  if (/Permission denied/i.test(output)) return new PowerFailure("auth_failed", `ssh refused the key for ${user}@${host}: ${last}`);
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/i.test(output)) return new PowerFailure("auth_failed", `the host key of ${host} does not match the known one (a live-booted machine may make a new one each boot): ${last}`);
  if (/Connection refused|No route to host|Network is unreachable|Could not resolve hostname|Name or service not known/i.test(output)) return new PowerFailure("unreachable", `ssh could not reach ${host}: ${last}`);
  // Dropped before the marker arrived: the reboot may have started all the same, so say
  // so rather than invite a blind retry.
  if (/closed by remote host|Connection reset/i.test(output)) return new PowerFailure("bmc_error", `the connection to ${host} dropped before the reboot was confirmed; the machine may be rebooting: ${last}`);
  if (/timed out/i.test(output)) return new PowerFailure("timeout", `ssh to ${host} timed out: ${last}`);
  return new PowerFailure("bmc_error", `ssh to ${user}@${host} failed before the command ran: ${last || "no output"}`);
}
