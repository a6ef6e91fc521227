import ipaddr from "ipaddr.js";

// What a BMC's address and user name may be: they end up as argv elements of ipmitool and
// ssh, and in Redfish URLs. No shell is ever involved, but a value starting with "-" would
// still be read as an option (ssh's "-oProxyCommand=…" runs a command), so only plain host
// names, IP addresses and simple account names are allowed. The same checks run when a BMC
// is saved (lib/machines/schema.ts), when a rollout picks machines, and before anything is
// spawned (lib/power/argv.ts).

const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const USER = /^[A-Za-z0-9_][A-Za-z0-9._@-]{0,63}$/;

const quote = (v: string) => JSON.stringify(v.slice(0, 80));

/** The address without IPv6 brackets, when it is a plain host name or IP address. */
export function plainBmcHost(address: string): string | null {
  const host = address.replace(/^\[(.*)\]$/, "$1");
  if (ipaddr.IPv4.isValidFourPartDecimal(host) || (host.includes(":") && ipaddr.IPv6.isValid(host))) return host;
  if (host.length <= 253 && host.split(".").every((label) => HOST_LABEL.test(label))) return host;
  return null;
}

/** Why `address` cannot be a BMC's address, or null when it can. */
export function bmcAddressProblem(address: string): string | null {
  if (plainBmcHost(address) !== null) return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) return `BMC address ${quote(address)} is a URL: give only its host name or IP address (the type and TLS setting say how to reach it)`;
  const withPort = /^([^:[\]]+|\[[^\]]+\]):(\d+)$/.exec(address);
  if (withPort && plainBmcHost(withPort[1]) !== null) return `BMC address ${quote(address)} includes a port: put ${withPort[2]} in the port field`;
  return `BMC address ${quote(address)} is not a host name or IP address`;
}

/** Why `username` cannot be a BMC's user name, or null when it can. */
export function bmcUserProblem(username: string): string | null {
  if (USER.test(username)) return null;
  return `user name ${quote(username)} may only hold letters, digits and . _ @ - and must not start with . @ or -`;
}
