import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/ref";
import { bigintId, pageLimit, text } from "@/lib/validation/fields";

export const auditQuery = z.object({
  actor: text(200).optional(),
  action: z.string().trim().max(64).regex(/^[a-z_.]*$/, "action is a prefix like machine. or token.create").optional(),
  target: text(100).optional(),
  cursor: bigintId("must be the nextCursor of an earlier page").optional(),
  limit: pageLimit(500, 100),
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

export interface AuditTarget {
  label: string;
  /** The target's page, while it exists. */
  href: string | null;
}

/**
 * What each entry's target is called, and where it lives: one query per kind of target
 * on the page. A deleted target keeps the name its delete entry recorded, or its id.
 */
export async function auditTargets(items: { targetType: string; targetId: string | null; changes: unknown }[]): Promise<Map<string, AuditTarget>> {
  const ids = (type: string) => [...new Set(items.filter((i) => i.targetType === type && i.targetId).map((i) => i.targetId!))];
  const uuids = (type: string) => ids(type).filter(isUuid);
  const [machines, roles, images, mirrors, subnets, rollouts, versions] = await Promise.all([
    db.machine.findMany({ where: { id: { in: uuids("machine") } }, select: { id: true, hostname: true } }),
    db.role.findMany({ where: { id: { in: uuids("role") } }, select: { id: true, name: true } }),
    db.image.findMany({ where: { id: { in: uuids("image") } }, select: { id: true, name: true } }),
    db.mirror.findMany({ where: { id: { in: uuids("mirror") } }, select: { id: true, name: true } }),
    db.subnet.findMany({ where: { id: { in: uuids("subnet") } }, select: { id: true, name: true } }),
    db.rollout.findMany({ where: { id: { in: uuids("rollout") } }, select: { id: true, name: true } }),
    db.imageVersion.findMany({ where: { id: { in: uuids("image_version") } }, select: { id: true, version: true, image: { select: { name: true } } } }),
  ]);
  const out = new Map<string, AuditTarget>();
  const put = (type: string, id: string, label: string, href: string | null) => out.set(`${type}:${id}`, { label, href });
  for (const m of machines) put("machine", m.id, m.hostname, `/machines/${m.hostname}`);
  for (const r of roles) put("role", r.id, r.name, `/roles/${r.name}`);
  for (const i of images) put("image", i.id, i.name, `/images/${i.name}`);
  for (const m of mirrors) put("mirror", m.id, m.name, `/mirrors/${m.id}`);
  for (const s of subnets) put("subnet", s.id, s.name, `/subnets/${s.name}`);
  for (const r of rollouts) put("rollout", r.id, r.name || r.id.slice(0, 8), `/rollouts/${r.id}`);
  for (const v of versions) put("image_version", v.id, `${v.image.name}:${v.version}`, `/images/${v.image.name}`);
  for (const i of items) {
    if (!i.targetId || out.has(`${i.targetType}:${i.targetId}`)) continue;
    const c = (i.changes ?? {}) as Record<string, unknown>;
    const recorded = [c.hostname, c.name, c.email, c.mac].find((v) => typeof v === "string" && v !== "") as string | undefined;
    put(i.targetType, i.targetId, recorded ?? i.targetId.slice(0, 8), null);
  }
  return out;
}
