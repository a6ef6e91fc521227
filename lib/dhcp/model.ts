// What every DHCP renderer needs from the database, as plain data: pure renderers and
// their validation are tested without a server, and the CLI and the API share them.

export interface DhcpSubnet {
  name: string;
  cidr: string;
  gateway: string | null;
  dns: string[];
  domain: string | null;
  poolStart: string | null;
  poolEnd: string | null;
  nextServer: string | null;
}

/** A machine with an address: one reservation per boot interface, all for the same IP. */
export interface DhcpHost {
  hostname: string;
  ipv4: string;
  macs: string[];
}

export interface DhcpFleet {
  subnets: DhcpSubnet[];
  hosts: DhcpHost[];
}

export interface DhcpOptions {
  /** Handed to iPXE as its filename: the console's generic chain script. */
  chainUrl: string;
  /** Kea only: the interfaces to listen on. Kea refuses names that do not exist where it runs. */
  keaInterfaces: string[];
}

export const DHCP_FORMATS = ["isc", "kea", "dnsmasq"] as const;
export type DhcpFormat = (typeof DHCP_FORMATS)[number];

/** What PXE ROMs get over TFTP: iPXE for BIOS (undionly.kpxe, keeps the ROM's own driver) and UEFI. */
export const BIOS_BOOTFILE = "undionly.kpxe";
export const UEFI_BOOTFILE = "ipxe.efi";
/** Client system architectures (DHCP option 93, RFC 4578): EFI BC and EFI x86-64. */
export const UEFI_X64_ARCHES = [7, 9];

export const LEASE_SECONDS = 43_200;
