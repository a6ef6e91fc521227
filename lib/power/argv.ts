import { bmcAddressProblem, bmcUserProblem, plainBmcHost } from "./bmc-target";
import { PowerFailure } from "./driver";

// Checked again here, right before anything is spawned, whatever the database holds
// (lib/power/bmc-target.ts says why).

export function safeHost(address: string): string {
  const host = plainBmcHost(address);
  if (host !== null) return host;
  throw new PowerFailure("invalid_target", bmcAddressProblem(address)!);
}

export function safeUser(username: string): string {
  const problem = bmcUserProblem(username);
  if (problem === null) return username;
  throw new PowerFailure("invalid_target", problem);
}

export function safePort(port: number | null | undefined, fallback: number): string {
  const p = port ?? fallback;
  if (Number.isInteger(p) && p >= 1 && p <= 65535) return String(p);
  throw new PowerFailure("invalid_target", `port ${p} is not a TCP/UDP port number`);
}
