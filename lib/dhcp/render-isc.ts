import { cidrRange, netmask, networkAddress } from "./ipv4";
import { BIOS_BOOTFILE, LEASE_SECONDS, UEFI_BOOTFILE, UEFI_X64_ARCHES, type DhcpFleet, type DhcpHost, type DhcpOptions, type DhcpSubnet } from "./model";
import { freeRanges } from "./pool";
import { assertValidFleet, hostsBySubnet } from "./validate";

const arch = (n: number) => `option client-arch = 00:${n.toString(16).padStart(2, "0")}`;

function subnetBlock(s: DhcpSubnet, hosts: DhcpHost[]): string[] {
  const prefix = cidrRange(s.cidr)!.prefix;
  const out = [`subnet ${networkAddress(s.cidr)} netmask ${netmask(prefix)} {`, `  # ${s.name}`, `  option subnet-mask ${netmask(prefix)};`];
  if (s.gateway) out.push(`  option routers ${s.gateway};`);
  if (s.dns.length) out.push(`  option domain-name-servers ${s.dns.join(", ")};`);
  if (s.domain) out.push(`  option domain-name "${s.domain}";`);
  if (s.nextServer) out.push(`  next-server ${s.nextServer};`);
  if (s.poolStart && s.poolEnd) {
    // The pool minus its reserved addresses (lib/dhcp/pool.ts): dhcpd would lease them too.
    const ranges = freeRanges(s.poolStart, s.poolEnd, hosts.map((h) => h.ipv4));
    if (ranges.length === 0) out.push(`  # every address of the pool ${s.poolStart}-${s.poolEnd} is reserved: unknown machines get none`);
    else if (ranges.length > 1 || ranges[0][0] !== s.poolStart || ranges[0][1] !== s.poolEnd) out.push(`  # pool ${s.poolStart}-${s.poolEnd} without its reserved addresses`);
    for (const [first, last] of ranges) out.push(`  range ${first} ${last};`);
  }
  out.push("}");
  return out;
}

/**
 * ISC dhcpd (dhcpd.conf). Host declarations are global, so each reservation is named
 * "<hostname>" or, for a machine's further boot interfaces, "<hostname>-nicN" (the
 * declaration name is only a label; option host-name is what the client gets).
 */
export function renderIscConfig(fleet: DhcpFleet, options: DhcpOptions): string {
  assertValidFleet(fleet, options, "isc");
  const out = [
    "# Fleetboot DHCP configuration for ISC dhcpd. Generated; edits are overwritten.",
    "# Check with: dhcpd -t -cf <this file>",
    "authoritative;",
    `default-lease-time ${LEASE_SECONDS};`,
    `max-lease-time ${LEASE_SECONDS * 2};`,
    "option client-arch code 93 = unsigned integer 16;",
    "",
    "# iPXE announces itself with user class \"iPXE\" and gets the console's chain script;",
    "# a PXE ROM gets iPXE over TFTP first (UEFI by client architecture, else BIOS).",
    "if exists user-class and option user-class = \"iPXE\" {",
    `  filename "${options.chainUrl}";`,
    `} elsif ${UEFI_X64_ARCHES.map(arch).join(" or ")} {`,
    `  filename "${UEFI_BOOTFILE}";`,
    "} else {",
    `  filename "${BIOS_BOOTFILE}";`,
    "}",
    "",
  ];
  const groups = hostsBySubnet(fleet);
  for (const s of fleet.subnets) {
    const hosts = groups.get(s.cidr) ?? [];
    out.push(...subnetBlock(s, hosts), "");
    for (const h of hosts) {
      h.macs.forEach((mac, i) => {
        out.push(`host ${i === 0 ? h.hostname : `${h.hostname}-nic${i + 1}`} {`, `  hardware ethernet ${mac};`, `  fixed-address ${h.ipv4};`, `  option host-name "${h.hostname}";`, "}");
      });
    }
    out.push("");
  }
  return out.join("\n");
}
