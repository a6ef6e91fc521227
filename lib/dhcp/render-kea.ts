import { ipToNumber } from "./ipv4";
import { BIOS_BOOTFILE, LEASE_SECONDS, UEFI_BOOTFILE, UEFI_X64_ARCHES, type DhcpFleet, type DhcpOptions, type DhcpSubnet } from "./model";
import { assertValidFleet, hostsBySubnet } from "./validate";

function optionData(s: DhcpSubnet) {
  const data: { name: string; data: string }[] = [];
  if (s.gateway) data.push({ name: "routers", data: s.gateway });
  if (s.dns.length) data.push({ name: "domain-name-servers", data: s.dns.join(", ") });
  if (s.domain) data.push({ name: "domain-name", data: s.domain });
  return data;
}

/**
 * Kea DHCPv4 (kea-dhcp4.conf), as JSON. Subnet ids are derived from the network address so
 * they stay the same across renders (Kea keys its leases by subnet id); subnets never
 * overlap, so the ids never collide.
 */
export function renderKeaConfig(fleet: DhcpFleet, options: DhcpOptions): string {
  assertValidFleet(fleet, options, "kea");
  const groups = hostsBySubnet(fleet);
  const multiNic = fleet.hosts.some((h) => h.macs.length > 1);
  const ipxeTest = "substring(option[77].hex,0,4) == 'iPXE'";
  const uefiTest = UEFI_X64_ARCHES.map((a) => `option[93].hex == 0x${a.toString(16).padStart(4, "0")}`).join(" or ");
  const config = {
    Dhcp4: {
      "interfaces-config": { interfaces: options.keaInterfaces },
      "lease-database": { type: "memfile", "lfc-interval": 3600 },
      "valid-lifetime": LEASE_SECONDS,
      // A machine with two boot interfaces reserves its one address for each of them.
      ...(multiNic ? { "ip-reservations-unique": false } : {}),
      "client-classes": [
        { name: "ipxe", test: ipxeTest, "boot-file-name": options.chainUrl },
        { name: "pxe-uefi", test: `not member('ipxe') and (${uefiTest})`, "boot-file-name": UEFI_BOOTFILE },
        { name: "pxe-bios", test: "not member('ipxe') and not member('pxe-uefi')", "boot-file-name": BIOS_BOOTFILE },
      ],
      subnet4: fleet.subnets.map((s) => ({
        id: ipToNumber(s.cidr.split("/")[0]) + 1,
        subnet: s.cidr,
        ...(s.poolStart && s.poolEnd ? { pools: [{ pool: `${s.poolStart} - ${s.poolEnd}` }] } : {}),
        ...(s.nextServer ? { "next-server": s.nextServer } : {}),
        "option-data": optionData(s),
        reservations: (groups.get(s.cidr) ?? []).flatMap((h) =>
          h.macs.map((mac) => ({ "hw-address": mac, "ip-address": h.ipv4, hostname: h.hostname })),
        ),
      })),
    },
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
