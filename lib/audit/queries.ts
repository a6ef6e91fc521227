import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { bigintId, text } from "@/lib/validation/fields";

export const auditQuery = z.object({
  actor: text(200).optional(),
  action: z.string().trim().max(64).regex(/^[a-z_.]*$/, "action is a prefix like machine. or token.create").optional(),
  target: text(100).optional(),
  cursor: bigintId("must be the nextCursor of an earlier page").optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export async function listAudit(q: z.output<typeof auditQuery>) {
  const where: Prisma.AuditEntryWhereInput = {
    ...(q.actor ? { actor: { contains: q.actor, mode: "insensitive" } } : {}),
    ...(q.action ? { action: { startsWith: q.action } } : {}),
    ...(q.target ? { OR: [{ targetId: q.target }, { targetType: q.target }] } : {}),
    ...(q.cursor ? { id: { lt: BigInt(q.cursor) } } : {}),
  };
  const rows = await db.auditEntry.findMany({ where, orderBy: { id: "desc" }, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({ ...r, id: r.id.toString() })),
    nextCursor: rows.length > q.limit ? page[page.length - 1].id.toString() : null,
  };
}
