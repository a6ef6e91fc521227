import { isIP } from "node:net";
import { PowerFailure } from "./driver";

// Addresses and user names end up as argv elements of ipmitool and ssh. No shell is ever
// involved, but a value starting with "-" would still be read as an option (ssh's
// "-oProxyCommand=…" runs a command), so only plain host names, IP addresses and simple
// account names get through, checked here before anything is spawned.
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}$/;

export function safeHost(address: string): string {
  const host = address.replace(/^\[(.*)\]$/, "$1");
  if (isIP(host)) return host;
  if (host.length <= 253 && host.split(".").every((label) => HOST_LABEL.test(label))) return host;
  throw new PowerFailure("invalid_target", `BMC address ${JSON.stringify(address.slice(0, 80))} is not a host name or IP address`);
}

export function safeUser(username: string): string {
  if (USER.test(username)) return username;
  throw new PowerFailure("invalid_target", `user name ${JSON.stringify(username.slice(0, 80))} may only hold letters, digits and . _ @ - and must not start with . @ or -`);
}

export function safePort(port: number | null | undefined, fallback: number): string {
  const p = port ?? fallback;
  if (Number.isInteger(p) && p >= 1 && p <= 65535) return String(p);
  throw new PowerFailure("invalid_target", `port ${p} is not a TCP/UDP port number`);
}
