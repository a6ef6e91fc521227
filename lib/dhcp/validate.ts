import { isIpxeUrl } from "@/lib/boot/ipxe-safe";
import { cidrRange, ipToNumber, isIPv4, type Range } from "./ipv4";
import type { DhcpFleet, DhcpFormat, DhcpOptions, DhcpSubnet } from "./model";

// What the daemons' own checkers let through (FACTS.md): dhcpd takes the same MAC or IP
// under two hosts and an address in no declared subnet; dnsmasq takes "192.0.2.300" as a
// name and a reversed range; Kea takes duplicate hostnames. Names are also held to
// shapes that cannot break out of a quoted string, a JSON value or a dnsmasq field.

export interface DhcpProblem {
  where: string;
  message: string;
}

export class DhcpConfigError extends Error {
  constructor(readonly problems: DhcpProblem[]) {
    super(`the DHCP configuration was not rendered: ${problems.length} problem(s), first: ${problems[0]?.where}: ${problems[0]?.message}`);
    this.name = "DhcpConfigError";
  }
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;
const IFACE = /^(\*|[A-Za-z0-9_.-]{1,15}(\/[0-9.]+)?)$/;

function isDnsName(v: string): boolean {
  const labels = v.split(".");
  return v.length <= 253 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1]);
}

function checkSubnet(s: DhcpSubnet, format: DhcpFormat, add: (where: string, message: string) => void): Range | null {
  const at = `subnet ${LABEL.test(s.name) ? s.name : JSON.stringify(s.name.slice(0, 40))}`;
  if (!LABEL.test(s.name)) add(at, "the name must be a lower-case slug");
  const range = cidrRange(s.cidr);
  if (!range) {
    add(at, `${JSON.stringify(s.cidr.slice(0, 40))} is not a canonical IPv4 network (a.b.c.d/n)`);
    return null;
  }
  const inside = (what: string, ip: string | null) => {
    if (ip === null) return;
    if (!isIPv4(ip)) return add(at, `${what} ${JSON.stringify(ip.slice(0, 40))} is not an IPv4 address`);
    const n = ipToNumber(ip);
    if (n <= range.network || n >= range.broadcast) add(at, `${what} ${ip} is not a host address of ${s.cidr}`);
  };
  inside("gateway", s.gateway);
  inside("pool start", s.poolStart);
  inside("pool end", s.poolEnd);
  s.dns.forEach((d) => (isIPv4(d) ? null : add(at, `DNS server ${JSON.stringify(d.slice(0, 40))} is not an IPv4 address`)));
  if (!!s.poolStart !== !!s.poolEnd) add(at, "a pool needs both a start and an end");
  if (s.poolStart && s.poolEnd && isIPv4(s.poolStart) && isIPv4(s.poolEnd) && ipToNumber(s.poolStart) > ipToNumber(s.poolEnd)) {
    add(at, `the pool is reversed: ${s.poolStart} comes after ${s.poolEnd}`);
  }
  if (s.domain !== null && !isDnsName(s.domain)) add(at, `domain ${JSON.stringify(s.domain.slice(0, 60))} is not a DNS name`);
  if (s.nextServer !== null) {
    if (format !== "isc" && !isIPv4(s.nextServer)) add(at, `${format === "kea" ? "Kea" : "dnsmasq"} needs next-server as an IPv4 address, not ${JSON.stringify(s.nextServer.slice(0, 60))}`);
    else if (!isIPv4(s.nextServer) && (/^[\d.]+$/.test(s.nextServer) || !isDnsName(s.nextServer))) add(at, `next-server ${JSON.stringify(s.nextServer.slice(0, 60))} is neither an IPv4 address nor a host name`);
  }
  return range;
}

/** Every problem that would make the rendered config wrong, however the checker judges it. */
export function checkDhcpFleet(fleet: DhcpFleet, options: DhcpOptions, format: DhcpFormat): DhcpProblem[] {
  const problems: DhcpProblem[] = [];
  const add = (where: string, message: string) => void problems.push({ where, message });
  if (!isIpxeUrl(options.chainUrl)) add("console", `chain URL ${JSON.stringify(options.chainUrl.slice(0, 80))} is not a plain http:// URL iPXE can fetch`);
  if (format === "kea") for (const i of options.keaInterfaces) if (!IFACE.test(i)) add("kea", `interface ${JSON.stringify(i.slice(0, 40))} is not an interface name`);

  const ranges: { name: string; cidr: string; gateway: string | null; range: Range }[] = [];
  for (const s of fleet.subnets) {
    const range = checkSubnet(s, format, add);
    if (!range) continue;
    const overlap = ranges.find((r) => r.range.network <= range.broadcast && range.network <= r.range.broadcast);
    if (overlap) add(`subnet ${s.name}`, `${s.cidr} overlaps subnet ${overlap.name} (${overlap.cidr})`);
    ranges.push({ name: s.name, cidr: s.cidr, gateway: s.gateway, range });
  }

  const macs = new Map<string, string>();
  const ips = new Map<string, string>();
  const names = new Set<string>();
  for (const h of fleet.hosts) {
    const at = `host ${LABEL.test(h.hostname) ? h.hostname : JSON.stringify(h.hostname.slice(0, 40))}`;
    if (!LABEL.test(h.hostname) || /^\d+$/.test(h.hostname)) add(at, "the hostname must be an RFC 1123 label (letters, digits, inner hyphens)");
    if (names.has(h.hostname)) add(at, "the hostname is used by another host");
    names.add(h.hostname);
    if (h.macs.length === 0) add(at, "has no MAC address");
    for (const mac of h.macs) {
      if (!MAC.test(mac)) add(at, `${JSON.stringify(mac.slice(0, 40))} is not a normalised MAC address`);
      else if (macs.has(mac) && macs.get(mac) !== h.hostname) add(at, `MAC ${mac} is also reserved for ${macs.get(mac)}`);
      else if (macs.has(mac)) add(at, `MAC ${mac} is listed twice`);
      macs.set(mac, h.hostname);
    }
    if (!isIPv4(h.ipv4)) {
      add(at, `${JSON.stringify(h.ipv4.slice(0, 40))} is not an IPv4 address`);
      continue;
    }
    if (ips.has(h.ipv4)) add(at, `${h.ipv4} is also reserved for ${ips.get(h.ipv4)}`);
    ips.set(h.ipv4, h.hostname);
    const n = ipToNumber(h.ipv4);
    const home = ranges.find((r) => n >= r.range.network && n <= r.range.broadcast);
    if (!home) add(at, `${h.ipv4} is in no declared subnet`);
    else if (n === home.range.network || n === home.range.broadcast) add(at, `${h.ipv4} is the ${n === home.range.network ? "network" : "broadcast"} address of ${home.cidr}`);
    else if (h.ipv4 === home.gateway) add(at, `${h.ipv4} is the gateway of subnet ${home.name}`);
  }
  return problems;
}

export function assertValidFleet(fleet: DhcpFleet, options: DhcpOptions, format: DhcpFormat): void {
  const problems = checkDhcpFleet(fleet, options, format);
  if (problems.length) throw new DhcpConfigError(problems);
}

/** Hosts grouped under the subnet whose range holds their address (valid fleets only). */
export function hostsBySubnet(fleet: DhcpFleet): Map<string, DhcpFleet["hosts"]> {
  const groups = new Map<string, DhcpFleet["hosts"]>(fleet.subnets.map((s) => [s.cidr, []]));
  const ranges = fleet.subnets.map((s) => ({ cidr: s.cidr, range: cidrRange(s.cidr)! }));
  for (const h of fleet.hosts) {
    const n = ipToNumber(h.ipv4);
    const home = ranges.find((r) => n >= r.range.network && n <= r.range.broadcast);
    if (home) groups.get(home.cidr)!.push(h);
  }
  return groups;
}
