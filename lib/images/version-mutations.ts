import { diffFields, recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, fieldError } from "@/lib/http/errors";
import { jsonSafe, toVersionDto, versionInclude } from "./dto";
import { getImageRowOrThrow, getVersionRowOrThrow } from "./queries";
import type { VersionCreateInput, VersionUpdateInput } from "./schema";

type Tx = Prisma.TransactionClient;

async function refuseTakenLabel(tx: Tx, image: { id: string; name: string }, version: string) {
  if (!(await tx.imageVersion.findUnique({ where: { imageId_version: { imageId: image.id, version } }, select: { id: true } }))) return;
  throw fieldError("version", `image ${image.name} already has a version ${version}`, "conflict");
}

async function loadDto(tx: Tx, id: string) {
  return toVersionDto(await tx.imageVersion.findUniqueOrThrow({ where: { id }, include: versionInclude }));
}

export async function createImageVersion(imageRef: string, input: VersionCreateInput, actor: string) {
  return db.$transaction(async (tx) => {
    const image = await getImageRowOrThrow(imageRef, tx);
    await refuseTakenLabel(tx, image, input.version);
    const created = await tx.imageVersion.create({ data: { ...input, imageId: image.id } });
    await recordAudit(tx, {
      actor,
      action: "image_version.create",
      targetType: "image_version",
      targetId: created.id,
      changes: jsonSafe({ image: image.name, ...input }) as Prisma.InputJsonObject,
    });
    return loadDto(tx, created.id);
  });
}

export async function updateImageVersion(imageRef: string, versionRef: string, input: VersionUpdateInput, actor: string) {
  const { image, version: before } = await getVersionRowOrThrow(imageRef, versionRef);
  return db.$transaction(async (tx) => {
    if (input.version !== undefined && input.version !== before.version) await refuseTakenLabel(tx, image, input.version);
    await tx.imageVersion.update({ where: { id: before.id }, data: input });
    await recordAudit(tx, {
      actor,
      action: "image_version.update",
      targetType: "image_version",
      targetId: before.id,
      changes: { ref: `${image.name}:${before.version}`, ...diffFields(jsonSafe(before), jsonSafe(input)) } as Prisma.InputJsonObject,
    });
    return loadDto(tx, before.id);
  });
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What still points at a version, in words; empty when nothing does. */
async function referrers(tx: Tx, id: string): Promise<string[]> {
  // One after the other: a transaction is one connection, which runs one query at a time.
  const roles = await tx.role.findMany({ where: { desiredVersionId: id }, select: { name: true }, orderBy: { name: "asc" } });
  const machines = await tx.machine.findMany({ where: { bootedVersionId: id }, select: { hostname: true }, orderBy: { hostname: "asc" }, take: 3 });
  const machineCount = await tx.machine.count({ where: { bootedVersionId: id } });
  const rollouts = await tx.rollout.count({ where: { targetVersionId: id } });
  const out: string[] = [];
  if (roles.length) out.push(`it is the desired version of ${roles.length === 1 ? "role" : "roles"} ${roles.map((r) => r.name).join(", ")}`);
  if (machineCount) {
    const more = machineCount > machines.length ? ", …" : "";
    out.push(`${plural(machineCount, "machine")} last booted it (${machines.map((m) => m.hostname).join(", ")}${more})`);
  }
  if (rollouts) out.push(`${plural(rollouts, "rollout")} ${rollouts === 1 ? "targets" : "target"} it`);
  return out;
}

export async function deleteImageVersion(imageRef: string, versionRef: string, actor: string) {
  const { image, version } = await getVersionRowOrThrow(imageRef, versionRef);
  const ref = `${image.name}:${version.version}`;
  await db.$transaction(async (tx) => {
    // FOR UPDATE conflicts with the FOR KEY SHARE lock that pointing a role, machine or
    // rollout at this row takes, so nothing can start referring to it between check and delete.
    await tx.$queryRaw`SELECT 1 FROM image_versions WHERE id = ${version.id}::uuid FOR UPDATE`;
    const inUse = await referrers(tx, version.id);
    if (inUse.length > 0) {
      throw new AppError("conflict", `${ref} is still in use: ${inUse.join("; ")}`, { references: inUse });
    }
    await tx.imageVersion.delete({ where: { id: version.id } });
    await recordAudit(tx, { actor, action: "image_version.delete", targetType: "image_version", targetId: version.id, changes: { ref } });
  });
  return { ref };
}
