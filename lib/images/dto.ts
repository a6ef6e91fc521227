import type { Prisma } from "@/lib/generated/prisma/client";

// What the API and pages show of images and their versions. Every response goes through
// here because a raw row carries sizeBytes as a bigint, which JSON.stringify refuses.
export const versionInclude = {
  image: { select: { name: true } },
  desiredByRoles: { select: { name: true }, orderBy: { name: "asc" } },
  _count: { select: { bootedOn: true } },
} satisfies Prisma.ImageVersionInclude;

export const imageInclude = {
  versions: { include: versionInclude, orderBy: [{ createdAt: "desc" }, { version: "desc" }] },
} satisfies Prisma.ImageInclude;

type VersionRow = Prisma.ImageVersionGetPayload<{ include: typeof versionInclude }>;
type ImageRow = Prisma.ImageGetPayload<{ include: typeof imageInclude }>;

/** Sizes up to 2^53 bytes (8 PiB) as numbers, anything larger as a decimal string. */
export function bigintToJson(value: bigint | null | undefined): number | string | null {
  if (value === null || value === undefined) return null;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}

/** A copy that JSON (and so an audit entry) can hold. */
export function jsonSafe(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "bigint" ? bigintToJson(v) : v]));
}

export function toVersionDto(v: VersionRow) {
  return {
    id: v.id,
    image: v.image.name,
    version: v.version,
    ref: `${v.image.name}:${v.version}`,
    kernelPath: v.kernelPath,
    initrdPath: v.initrdPath,
    squashfsPath: v.squashfsPath,
    sha256: v.sha256,
    sizeBytes: bigintToJson(v.sizeBytes),
    status: v.status,
    notes: v.notes,
    desiredBy: v.desiredByRoles.map((r) => r.name),
    bootedMachines: v._count.bootedOn,
    createdAt: v.createdAt,
  };
}

export function toImageDto(i: ImageRow) {
  return {
    id: i.id,
    name: i.name,
    description: i.description,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
    versions: i.versions.map(toVersionDto),
  };
}

export type VersionDto = ReturnType<typeof toVersionDto>;
export type ImageDto = ReturnType<typeof toImageDto>;
