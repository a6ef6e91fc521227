import ipaddr from "ipaddr.js";
import { ownedKernelKey } from "@/lib/roles/kernel-args";
import { isIpxeUrl, kernelWordProblem } from "./ipxe-safe";
import { orderMirrors, rotate } from "./mirror-order";

// Decides what a machine boots, from what the database says about it. Pure: the same
// input always gives the same plan, so the preview page shows exactly what a machine gets.

export interface BootTarget {
  machineId: string;
  hostname: string;
  mac: string;
  iface: string | null;
  ipv4: string | null;
  state: string;
  maintenance: boolean;
  subnet: { name: string; cidr: string; gateway: string | null; dns: string[] } | null;
  role: { name: string; kernelArgs: string } | null;
  version: { id: string; image: string; version: string; status: string; kernelPath: string; initrdPath: string; squashfsPath: string } | null;
  /** The attempt number of the last script served, when the machine has not reported in since. */
  lastAttempt: number | null;
}

export interface BootMirror {
  id: string;
  name: string;
  baseUrl: string;
  weight: number;
}

export interface MirrorSource {
  mirror: BootMirror;
  kernelUrl: string;
  initrdUrl: string;
  squashfsUrl: string;
}

export interface BootPlanBoot {
  kind: "boot";
  target: BootTarget & { role: NonNullable<BootTarget["role"]>; version: NonNullable<BootTarget["version"]> };
  attempt: number;
  sources: MirrorSource[];
  /** Kernel words other than fetch=, panic= and the fleetboot.* ones (those vary per script). */
  args: string[];
  warnings: string[];
}

export type BootPlan = BootPlanBoot | { kind: "hold"; reason: string; target: BootTarget; warnings: string[] };

/** At most this many mirrors are tried per boot; rendezvous order makes them the best ones. */
export const MAX_MIRRORS = 4;
const IFACE = /^[A-Za-z0-9_.-]{1,15}$/;

export function planBoot(target: BootTarget, enabledMirrors: readonly BootMirror[]): BootPlan {
  const warnings: string[] = [];
  const hold = (reason: string): BootPlan => ({ kind: "hold", reason, target, warnings });
  const { role, version } = target;
  if (target.maintenance) return hold(`${target.hostname} is in maintenance; switch maintenance off to boot it`);
  if (!role) return hold(`${target.hostname} has no role; give it one to boot`);
  if (!version) return hold(`role ${role.name} has no desired image version; set one to boot its machines`);
  if (!/^[a-z0-9-]{1,63}$/.test(target.hostname)) return hold("the hostname is not a plain DNS label");

  for (const [what, path] of [["kernel", version.kernelPath], ["initrd", version.initrdPath], ["squashfs", version.squashfsPath]]) {
    if (!isIpxeUrl(`http://x/${path}`)) return hold(`the ${what} path of ${version.image}:${version.version} is not a plain relative path`);
  }
  if (!version.squashfsPath.endsWith(".squashfs")) return hold("live-boot only mounts a fetch= file named *.squashfs");

  const roleArgs = role.kernelArgs.split(/ +/).filter(Boolean);
  for (const word of roleArgs) {
    const problem = kernelWordProblem(word);
    if (problem) return hold(`role ${role.name} kernel arguments: ${problem}`);
    const key = ownedKernelKey(word);
    if (key) return hold(`role ${role.name} kernel arguments set ${key}${key.startsWith("fleetboot.") ? "" : "="}, which the boot script sets itself`);
  }

  const usable = enabledMirrors.filter((m) => {
    if (isIpxeUrl(m.baseUrl)) return true;
    warnings.push(`mirror ${m.name} is skipped: ${m.baseUrl.startsWith("https:") ? "this iPXE build has no HTTPS" : "its URL is not plain"}`);
    return false;
  });
  if (enabledMirrors.length === 0) return hold("no mirror is enabled");
  if (usable.length === 0) return hold("no enabled mirror has a plain http:// URL that iPXE can fetch");

  const attempt = target.state === "booting" && target.lastAttempt !== null ? target.lastAttempt + 1 : 0;
  const sources = rotate(mirrorOrder(target.mac, enabledMirrors, usable), attempt)
    .slice(0, MAX_MIRRORS)
    .map((mirror) => ({
      mirror,
      kernelUrl: `${mirror.baseUrl}/${version.kernelPath}`,
      initrdUrl: `${mirror.baseUrl}/${version.initrdPath}`,
      squashfsUrl: `${mirror.baseUrl}/${version.squashfsPath}`,
    }));
  for (const s of sources) {
    if (!namedByAddress(s.mirror.baseUrl)) {
      warnings.push(`mirror ${s.mirror.name} is named by host name; live-boot's fetch= needs an IP address`);
    }
  }

  const iface = target.iface && IFACE.test(target.iface) ? target.iface : "";
  const args = [
    "initrd=initrd.img",
    "boot=live",
    ipArgument(target, iface, warnings),
    // initramfs-tools picks the interface whose MAC this is when ip= names no device.
    `BOOTIF=01-${target.mac.replaceAll(":", "-")}`,
    `hostname=${target.hostname}`,
    ...roleArgs,
  ];
  return { kind: "boot", target: { ...target, role, version }, attempt, sources, args, warnings };
}

// A MAC's mirror order is a pure function of the MAC and the mirror list (a SHA-256 per
// mirror); a boot storm asks for it again with every script, so it is remembered per
// mirror list (the same array for as long as lib/boot/mirror-cache.ts keeps it).
const orders = new WeakMap<readonly BootMirror[], Map<string, BootMirror[]>>();

function mirrorOrder(mac: string, enabled: readonly BootMirror[], usable: BootMirror[]): BootMirror[] {
  let byMac = orders.get(enabled);
  if (!byMac) orders.set(enabled, (byMac = new Map()));
  let order = byMac.get(mac);
  if (!order) {
    if (byMac.size >= 100_000) byMac.clear();
    byMac.set(mac, (order = orderMirrors(mac, usable)));
  }
  return order;
}

/** The kernel's ip= (nfsroot.txt format): static from the machine's subnet, or DHCP. */
function ipArgument(target: BootTarget, iface: string, warnings: string[]): string {
  const { ipv4, subnet } = target;
  if (!ipv4) return "ip=dhcp";
  const net = subnet ? subnetFields(subnet) : null;
  const address = ipv4Number(ipv4);
  if (!net || address === null || (address & net.mask32) >>> 0 !== net.network) {
    warnings.push(`${ipv4} is in no subnet of this machine, so the netmask is unknown; the kernel uses DHCP`);
    return "ip=dhcp";
  }
  const fields = [ipv4, "", net.gateway, net.mask, target.hostname, iface, "off", ...net.dns];
  return `ip=${fields.join(":")}`;
}

// A fleet has a handful of subnets and a boot storm asks for each again with every
// script: their parsed form is remembered by value.
const subnets = new Map<string, { network: number; mask32: number; mask: string; gateway: string; dns: string[] }>();

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** A dotted-quad IPv4 address as an unsigned 32-bit number, or null. */
function ipv4Number(address: string): number | null {
  const m = OCTETS.exec(address);
  if (!m) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255 || (m[i].length > 1 && m[i][0] === "0")) return null;
    n = n * 256 + octet;
  }
  return n;
}

// Whether a mirror's URL names its host by IPv4 address, remembered per URL.
const byAddress = new Map<string, boolean>();

function namedByAddress(baseUrl: string): boolean {
  let known = byAddress.get(baseUrl);
  if (known === undefined) {
    if (byAddress.size >= 10_000) byAddress.clear();
    const host = /^http:\/\/([^/:]+)/.exec(baseUrl)?.[1] ?? "";
    byAddress.set(baseUrl, (known = ipaddr.IPv4.isValidFourPartDecimal(host)));
  }
  return known;
}

function subnetFields(subnet: NonNullable<BootTarget["subnet"]>) {
  const key = `${subnet.cidr} ${subnet.gateway ?? ""} ${subnet.dns.join(",")}`;
  let fields = subnets.get(key);
  if (!fields) {
    if (subnets.size >= 10_000) subnets.clear();
    const [network, bits] = ipaddr.IPv4.parseCIDR(subnet.cidr);
    const mask32 = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    fields = {
      network: (ipv4Number(network.toString())! & mask32) >>> 0,
      mask32,
      mask: ipaddr.IPv4.subnetMaskFromPrefixLength(bits).toString(),
      gateway: subnet.gateway && ipaddr.IPv4.isValidFourPartDecimal(subnet.gateway) ? subnet.gateway : "",
      dns: subnet.dns.filter((d) => ipaddr.IPv4.isValidFourPartDecimal(d)).slice(0, 2),
    };
    subnets.set(key, fields);
  }
  return fields;
}
