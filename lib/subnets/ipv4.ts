import ipaddr from "ipaddr.js";
import type { FieldIssue } from "@/lib/http/errors";

// IPv4 arithmetic for subnets, all through ipaddr.js. Parsing is strict on purpose:
// ipaddr.IPv4.isValid accepts "10.1" and "0x0a.0.0.1", and dnsmasq takes
// "192.0.2.300" for a host name, so anything but four plain decimals is refused here.

export const MIN_PREFIX = 8;
export const MAX_PREFIX = 30;

export function isIPv4(value: string): boolean {
  return ipaddr.IPv4.isValidFourPartDecimal(value);
}

/**
 * Why a well-formed IPv4 address can never be a host's (0.0.0.0/8, multicast, the reserved
 * 240.0.0.0/4 and the limited broadcast), or null; null too for text that is no IPv4
 * address at all, which the field's own check refuses. Loopback stays allowed: simulated
 * machines live there.
 */
export function unicastProblem(ip: string): string | null {
  if (!isIPv4(ip)) return null;
  const first = Number(ip.split(".")[0]);
  if (first === 0) return `${ip} is in 0.0.0.0/8 ("this network"), not a host address`;
  if (ip === "255.255.255.255") return `${ip} is the broadcast address, not a host address`;
  if (first >= 224 && first < 240) return `${ip} is a multicast address, not a host address`;
  if (first >= 240) return `${ip} is in the reserved range 240.0.0.0/4, not a host address`;
  return null;
}

/** An IPv4 address as an unsigned 32-bit number, for ranges and arithmetic. */
export function ipToNumber(ip: string): number {
  return ipaddr.IPv4.parse(ip).toByteArray().reduce((n, byte) => n * 256 + byte, 0);
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

export type CidrResult = { ok: true; cidr: string } | { ok: false; reason: string };

/** A subnet in canonical network form ("10.0.0.0/24"), or why the text is not one. */
export function parseSubnetCidr(input: string): CidrResult {
  const text = input.trim();
  const [address, prefixText, ...rest] = text.split("/");
  if (ipaddr.IPv6.isValid(address)) return { ok: false, reason: "IPv6 subnets are not supported; give an IPv4 CIDR such as 10.0.0.0/24" };
  if (prefixText === undefined || rest.length > 0 || !/^\d{1,2}$/.test(prefixText)) {
    return { ok: false, reason: "must be an IPv4 network in CIDR notation, such as 10.0.0.0/24" };
  }
  if (!isIPv4(address)) return { ok: false, reason: `${address} is not an IPv4 address (four numbers 0–255, no leading zeros)` };
  const prefix = Number(prefixText);
  if (prefix > 32) return { ok: false, reason: "the prefix length must be between /8 and /30" };
  if (prefix > MAX_PREFIX) return { ok: false, reason: `a /${prefix} has no room for a gateway and machines; use /${MAX_PREFIX} or shorter` };
  if (prefix < MIN_PREFIX) return { ok: false, reason: `a /${prefix} is larger than any real broadcast domain; use /${MIN_PREFIX} or longer` };
  const network = ipaddr.IPv4.networkAddressFromCIDR(`${address}/${prefix}`).toString();
  if (network !== address) {
    return { ok: false, reason: `${address} is an address inside the network, not the network itself; did you mean ${network}/${prefix}?` };
  }
  const first = Number(network.split(".")[0]);
  if (first === 0 || first >= 224) {
    return { ok: false, reason: `${network}/${prefix} is ${first === 0 ? "in 0.0.0.0/8" : first < 240 ? "a multicast range" : "in the reserved range 240.0.0.0/4"}, not a network of hosts` };
  }
  return { ok: true, cidr: `${network}/${prefix}` };
}

export type Placement = "inside" | "outside" | "network" | "broadcast";

/** Where an address sits relative to a canonical subnet. */
export function placeInSubnet(ip: string, cidr: string): Placement {
  const range = ipaddr.IPv4.parseCIDR(cidr);
  if (!ipaddr.IPv4.parse(ip).match(range)) return "outside";
  if (ip === ipaddr.IPv4.networkAddressFromCIDR(cidr).toString()) return "network";
  if (ip === ipaddr.IPv4.broadcastAddressFromCIDR(cidr).toString()) return "broadcast";
  return "inside";
}

/** How many addresses lie from `start` to `end` inclusive (0 when reversed). */
export function countAddresses(start: string, end: string): number {
  return Math.max(0, ipToNumber(end) - ipToNumber(start) + 1);
}

export function compareIPv4(a: string, b: string): number {
  return ipToNumber(a) - ipToNumber(b);
}

export interface SubnetLayout {
  cidr: string;
  gateway?: string | null;
  poolStart?: string | null;
  poolEnd?: string | null;
  /** The TFTP/boot server: anywhere, but not the network or broadcast address of this subnet. */
  nextServer?: string | null;
}

function hostIssue(path: string, ip: string, cidr: string): FieldIssue | null {
  const place = placeInSubnet(ip, cidr);
  if (place === "inside") return null;
  const message = place === "outside" ? `${ip} is outside ${cidr}` : `${ip} is the ${place} address of ${cidr}, not a usable host address`;
  return { path, message };
}

/**
 * The rules that tie a subnet's addresses together. Shared by the create schema, the
 * edit form (which checks against the stored subnet) and the update mutation. Values
 * that are not addresses at all are left to the field's own check.
 */
export function checkSubnetLayout(s: SubnetLayout): FieldIssue[] {
  if (!parseSubnetCidr(s.cidr).ok) return [];
  const issues: FieldIssue[] = [];
  const usable = (ip: string | null | undefined): ip is string => !!ip && isIPv4(ip);
  for (const [path, ip] of [["gateway", s.gateway], ["poolStart", s.poolStart], ["poolEnd", s.poolEnd]] as const) {
    const issue = usable(ip) ? hostIssue(path, ip, s.cidr) : null;
    if (issue) issues.push(issue);
  }
  if (usable(s.nextServer)) {
    const place = placeInSubnet(s.nextServer, s.cidr);
    if (place === "network" || place === "broadcast") issues.push({ path: "nextServer", message: `${s.nextServer} is the ${place} address of ${s.cidr}, not a usable host address` });
  }
  if (s.poolStart && !s.poolEnd) issues.push({ path: "poolEnd", message: "give the last address of the pool as well" });
  if (s.poolEnd && !s.poolStart) issues.push({ path: "poolStart", message: "give the first address of the pool as well" });
  const poolPlaced = !issues.some((i) => i.path === "poolStart" || i.path === "poolEnd");
  if (poolPlaced && usable(s.poolStart) && usable(s.poolEnd)) {
    if (compareIPv4(s.poolStart, s.poolEnd) > 0) {
      issues.push({ path: "poolEnd", message: `the pool must end at or after its start (${s.poolStart})` });
    } else if (usable(s.gateway) && compareIPv4(s.poolStart, s.gateway) <= 0 && compareIPv4(s.gateway, s.poolEnd) <= 0) {
      // Onboarding would give a machine the router's address, and DHCP would lease it.
      issues.push({ path: "poolStart", message: `the pool ${s.poolStart}–${s.poolEnd} holds the gateway ${s.gateway}; keep the gateway out of it` });
    }
  }
  return issues;
}

export interface AddressHome {
  name: string;
  cidr: string;
  gateway: string | null;
}

/** The most specific subnet whose range holds `ip` (the one DHCP would put it under), or null. */
export function homeSubnet<S extends { cidr: string }>(ip: string, subnets: readonly S[]): S | null {
  let best: S | null = null;
  let bestBits = -1;
  for (const s of subnets) {
    const bits = Number(s.cidr.split("/")[1]);
    if (bits > bestBits && placeInSubnet(ip, s.cidr) !== "outside") [best, bestBits] = [s, bits];
  }
  return best;
}

/**
 * Why `ip` cannot be a machine's address in `home` (its subnet, or the one that holds it),
 * or null. The DHCP configs refuse the same (lib/dhcp/validate.ts): one machine saved
 * with such an address would stop the configs of the whole fleet.
 */
export function machineAddressProblem(ip: string, home: AddressHome | null): string | null {
  if (!home) return `${ip} is in no declared subnet, so no DHCP server could hand it out and the boot script could not set its netmask; add a subnet that holds it first, or leave the address empty`;
  const place = placeInSubnet(ip, home.cidr);
  if (place === "outside") return `${ip} is outside subnet ${home.name} (${home.cidr})`;
  if (place !== "inside") return `${ip} is the ${place} address of subnet ${home.name} (${home.cidr}), not a usable host address`;
  if (ip === home.gateway) return `${ip} is the gateway of subnet ${home.name}`;
  return null;
}
