import type { MachineState, Prisma } from "@/lib/generated/prisma/client";

// What the API and pages show of a role. The desired version is named the way it is set:
// "<image>:<version>", so a GET body can be sent back as a PATCH unchanged.
export const roleInclude = {
  desiredVersion: { select: { id: true, version: true, status: true, image: { select: { name: true } } } },
} satisfies Prisma.RoleInclude;

type RoleRow = Prisma.RoleGetPayload<{ include: typeof roleInclude }>;

export interface RoleMachineCounts {
  total: number;
  byState: Partial<Record<MachineState, number>>;
}

export const NO_MACHINES: RoleMachineCounts = { total: 0, byState: {} };

export function versionLabel(v: { version: string; image: { name: string } } | null | undefined): string | null {
  return v ? `${v.image.name}:${v.version}` : null;
}

export function toRoleDto(r: RoleRow, machines: RoleMachineCounts = NO_MACHINES) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    imageVersion: versionLabel(r.desiredVersion),
    imageVersionStatus: r.desiredVersion?.status ?? null,
    kernelArgs: r.kernelArgs,
    playbook: r.playbook,
    deployVars: r.deployVars,
    deployCommand: r.deployCommand,
    machines,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export type RoleDto = ReturnType<typeof toRoleDto>;
