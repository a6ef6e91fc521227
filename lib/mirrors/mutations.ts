import { recordAudit, diffFields } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { defaultMirrorName, type MirrorCreateInput, type MirrorUpdateInput } from "./schema";
import { getMirrorOrThrow } from "./queries";

export async function createMirror(input: MirrorCreateInput, actor: string) {
  const data = { ...input, name: input.name ?? defaultMirrorName(input.baseUrl) };
  return db.$transaction(async (tx) => {
    const mirror = await tx.mirror.create({ data });
    await recordAudit(tx, { actor, action: "mirror.create", targetType: "mirror", targetId: mirror.id, changes: data });
    return mirror;
  });
}

export async function updateMirror(ref: string, input: MirrorUpdateInput, actor: string) {
  const before = await getMirrorOrThrow(ref);
  return db.$transaction(async (tx) => {
    const mirror = await tx.mirror.update({ where: { id: before.id }, data: input });
    await recordAudit(tx, {
      actor,
      action: "mirror.update",
      targetType: "mirror",
      targetId: mirror.id,
      changes: diffFields(before, input) as never,
    });
    return mirror;
  });
}

export async function deleteMirror(ref: string, actor: string) {
  const mirror = await getMirrorOrThrow(ref);
  await db.$transaction(async (tx) => {
    await tx.mirror.delete({ where: { id: mirror.id } });
    await recordAudit(tx, { actor, action: "mirror.delete", targetType: "mirror", targetId: mirror.id, changes: { name: mirror.name } });
  });
  return mirror;
}
