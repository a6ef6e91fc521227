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

/**
 * A name for a mirror sent with only its URL: its host's, or the host's with -2, -3 … when
 * another mirror on that host (another path or port) has it already.
 */
async function freeMirrorName(baseUrl: string): Promise<string> {
  const base = defaultMirrorName(baseUrl);
  const taken = new Set((await db.mirror.findMany({ where: { name: { startsWith: base } }, select: { name: true } })).map((m) => m.name));
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : `${base.slice(0, 63 - String(n).length - 1)}-${n}`;
    if (!taken.has(name)) return name;
  }
}

export async function createMirror(input: MirrorCreateInput, actor: string) {
  // A derived name that another request took meanwhile is derived again, a few times.
  for (let attempt = 0; ; attempt++) {
    const data = { ...input, name: input.name ?? (await freeMirrorName(input.baseUrl)) };
    try {
      return await db.$transaction(async (tx) => {
        const mirror = await tx.mirror.create({ data });
        await recordAudit(tx, { actor, action: "mirror.create", targetType: "mirror", targetId: mirror.id, changes: data });
        return mirror;
      });
    } catch (err) {
      const column = databaseConflict(err);
      if (input.name === undefined && column !== null && !column.includes("base_url") && attempt < 3) continue;
      explainConflict(err, data);
    }
  }
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
