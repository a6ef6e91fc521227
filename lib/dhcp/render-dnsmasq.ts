import { cidrRange, netmask, networkAddress } from "./ipv4";
import { BIOS_BOOTFILE, LEASE_SECONDS, UEFI_BOOTFILE, UEFI_X64_ARCHES, type DhcpFleet, type DhcpOptions, type DhcpSubnet } from "./model";
import { assertValidFleet, hostsBySubnet } from "./validate";

function subnetLines(s: DhcpSubnet): string[] {
  const tag = `tag:s-${s.name}`;
  const mask = netmask(cidrRange(s.cidr)!.prefix);
  // Without a pool the subnet is "static": only reserved hosts get an address.
  const range = s.poolStart && s.poolEnd ? `${s.poolStart},${s.poolEnd}` : `${networkAddress(s.cidr)},static`;
  const out = [`# subnet ${s.name} (${s.cidr})`, `dhcp-range=set:s-${s.name},${range},${mask},${LEASE_SECONDS}`];
  if (s.gateway) out.push(`dhcp-option=${tag},option:router,${s.gateway}`);
  if (s.dns.length) out.push(`dhcp-option=${tag},option:dns-server,${s.dns.join(",")}`);
  if (s.domain) out.push(`dhcp-option=${tag},option:domain-name,${s.domain}`);
  // The boot file rules exclude each other by tag, so their order in the file never matters.
  const server = s.nextServer ? `,,${s.nextServer}` : "";
  out.push(`dhcp-boot=tag:!ipxe,tag:uefi,${tag},${UEFI_BOOTFILE}${server}`, `dhcp-boot=tag:!ipxe,tag:!uefi,${tag},${BIOS_BOOTFILE}${server}`);
  return out;
}

/** dnsmasq, DHCP only (port=0 turns its DNS server off). */
export function renderDnsmasqConfig(fleet: DhcpFleet, options: DhcpOptions): string {
  assertValidFleet(fleet, options, "dnsmasq");
  const out = [
    "# Fleetboot DHCP configuration for dnsmasq. Generated; edits are overwritten.",
    "# Check with: dnsmasq --test --conf-file=<this file>",
    "port=0",
    "dhcp-authoritative",
    "# iPXE sends option 175 and user class \"iPXE\"; either marks it.",
    "dhcp-match=set:ipxe,175",
    "dhcp-userclass=set:ipxe,iPXE",
    ...UEFI_X64_ARCHES.map((a) => `dhcp-match=set:uefi,option:client-arch,${a}`),
    `dhcp-boot=tag:ipxe,${options.chainUrl}`,
    "",
  ];
  const groups = hostsBySubnet(fleet);
  for (const s of fleet.subnets) {
    out.push(...subnetLines(s));
    for (const h of groups.get(s.cidr) ?? []) out.push(`dhcp-host=${h.macs.join(",")},${h.ipv4},${h.hostname}`);
    out.push("");
  }
  return out.join("\n");
}
