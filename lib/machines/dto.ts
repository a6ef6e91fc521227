import type { Prisma } from "@/lib/generated/prisma/client";

// What the API and pages show of a machine. Secrets (BMC password, boot token hash)
// never leave through here.
export const machineInclude = {
  role: { select: { name: true, desiredVersion: { select: { version: true, image: { select: { name: true } } } } } },
  subnet: { select: { name: true, cidr: true, gateway: true } },
  interfaces: { select: { mac: true, name: true, isBoot: true }, orderBy: { mac: "asc" } },
  bootedVersion: { select: { version: true, image: { select: { name: true } } } },
} satisfies Prisma.MachineInclude;

type MachineRow = Prisma.MachineGetPayload<{ include: typeof machineInclude }>;

const label = (v: { version: string; image: { name: string } } | null | undefined) =>
  v ? `${v.image.name}:${v.version}` : null;

export function toMachineDto(m: MachineRow) {
  return {
    id: m.id,
    hostname: m.hostname,
    role: m.role?.name ?? null,
    subnet: m.subnet?.name ?? null,
    ipv4: m.ipv4,
    rack: m.rack,
    tags: m.tags,
    notes: m.notes,
    state: m.state,
    maintenance: m.maintenance,
    macs: m.interfaces.map((i) => i.mac),
    interfaces: m.interfaces,
    desiredVersion: label(m.role?.desiredVersion),
    bootedVersion: label(m.bootedVersion),
    lastBootAt: m.lastBootAt,
    lastSeenAt: m.lastSeenAt,
    stateChangedAt: m.stateChangedAt,
    bmc: m.bmcType
      ? { type: m.bmcType, address: m.bmcAddress, port: m.bmcPort, username: m.bmcUsername, tls: m.bmcTls, hasPassword: !!m.bmcPasswordEnc }
      : null,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
  };
}

export type MachineDto = ReturnType<typeof toMachineDto>;
