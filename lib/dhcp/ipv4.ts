import ipaddr from "ipaddr.js";
import { ipToNumber, isIPv4 } from "@/lib/subnets/ipv4";

// IPv4 for DHCP configs. Parsing is the strict one of lib/subnets/ipv4.ts (four plain
// decimals only: dnsmasq would read "192.0.2.300" as a host name, and
// ipaddr.IPv4.isValid accepts "10.1"), re-exported here with the renderers' ranges.
export { ipToNumber, isIPv4, numberToIp } from "@/lib/subnets/ipv4";

export interface Range {
  network: number;
  broadcast: number;
  prefix: number;
}

/** The numeric range of a canonical "a.b.c.d/n", or null when it is not one. */
export function cidrRange(cidr: string): Range | null {
  const [address, prefixText, ...rest] = cidr.split("/");
  if (rest.length || !isIPv4(address) || !/^\d{1,2}$/.test(prefixText ?? "")) return null;
  const prefix = Number(prefixText);
  if (prefix < 1 || prefix > 30) return null;
  const size = 2 ** (32 - prefix);
  const network = ipToNumber(address);
  if (network % size !== 0) return null;
  return { network, broadcast: network + size - 1, prefix };
}

export function netmask(prefix: number): string {
  return ipaddr.IPv4.subnetMaskFromPrefixLength(prefix).toString();
}

export function networkAddress(cidr: string): string {
  return cidr.split("/")[0];
}
