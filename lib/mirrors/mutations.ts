import { recordAudit, diffFields } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { databaseConflict, fieldError } from "@/lib/http/errors";
import { defaultMirrorName, type MirrorCreateInput, type MirrorUpdateInput } from "./schema";
import { getMirrorOrThrow } from "./queries";

/** A unique violation said in the API's words: which field, which value, as roles and images do. */
function explainConflict(err: unknown, data: { name?: string; baseUrl?: string }): never {
  const column = databaseConflict(err);
  if (column === null) throw err;
  if (column.includes("base_url")) throw fieldError("baseUrl", `a mirror with base URL ${data.baseUrl} already exists`, "conflict");
  throw fieldError("name", `a mirror named ${data.name} already exists`, "conflict");
}

export async function createMirror(input: MirrorCreateInput, actor: string) {
  const data = { ...input, name: input.name ?? defaultMirrorName(input.baseUrl) };
  return db
    .$transaction(async (tx) => {
      const mirror = await tx.mirror.create({ data });
      await recordAudit(tx, { actor, action: "mirror.create", targetType: "mirror", targetId: mirror.id, changes: data });
      return mirror;
    })
    .catch((err: unknown) => explainConflict(err, data));
}

export async function updateMirror(ref: string, input: MirrorUpdateInput, actor: string) {
  const before = await getMirrorOrThrow(ref);
  return db
    .$transaction(async (tx) => {
      const mirror = await tx.mirror.update({ where: { id: before.id }, data: input });
      await recordAudit(tx, {
        actor,
        action: "mirror.update",
        targetType: "mirror",
        targetId: mirror.id,
        changes: diffFields(before, input) as never,
      });
      return mirror;
    })
    .catch((err: unknown) => explainConflict(err, input));
}

export async function deleteMirror(ref: string, actor: string) {
  const mirror = await getMirrorOrThrow(ref);
  await db.$transaction(async (tx) => {
    await tx.mirror.delete({ where: { id: mirror.id } });
    await recordAudit(tx, { actor, action: "mirror.delete", targetType: "mirror", targetId: mirror.id, changes: { name: mirror.name } });
  });
  return mirror;
}
