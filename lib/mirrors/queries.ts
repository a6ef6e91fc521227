import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { refWhere } from "@/lib/http/ref";

export function listMirrors() {
  return db.mirror.findMany({ orderBy: [{ enabled: "desc" }, { name: "asc" }] });
}

export async function getMirrorOrThrow(ref: string) {
  const mirror = await db.mirror.findFirst({ where: refWhere(ref) });
  if (!mirror) throw new AppError("not_found", `no mirror "${ref}"`);
  return mirror;
}
