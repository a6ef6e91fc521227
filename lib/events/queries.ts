import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/ref";
import type { EventListQuery } from "./schema";

export interface EventItem {
  /** The bigint id as a decimal string: JSON and client components cannot carry a BigInt. */
  id: string;
  kind: string;
  createdAt: Date;
  machine: { id: string; hostname: string } | null;
  rollout: { id: string; name: string } | null;
  payload: Prisma.JsonValue;
}

/**
 * Events newest first, a page at a time: `nextCursor` is the id to pass as `cursor` for the
 * next (older) page. Keyset pagination on the primary key stays fast however deep one goes.
 */
export async function listEvents(query: EventListQuery): Promise<{ items: EventItem[]; nextCursor: string | null }> {
  const where: Prisma.EventWhereInput = {};
  // Prisma passes startsWith to LIKE unescaped, and "_" is a wildcard there.
  if (query.kind) where.kind = { startsWith: query.kind.replace(/[\\%_]/g, "\\$&") };
  // A machine by id, or every machine whose hostname holds the text (storage-r01 finds its rack).
  if (query.machine) where.machine = isUuid(query.machine) ? { id: query.machine.toLowerCase() } : { hostname: { contains: query.machine.toLowerCase() } };
  if (query.cursor) where.id = { lt: BigInt(query.cursor) };
  const rows = await db.event.findMany({
    where,
    orderBy: { id: "desc" },
    take: query.limit + 1,
    select: {
      id: true,
      kind: true,
      createdAt: true,
      payload: true,
      machine: { select: { id: true, hostname: true } },
      rollout: { select: { id: true, name: true } },
    },
  });
  const items = rows.slice(0, query.limit).map((e) => ({ ...e, id: e.id.toString() }));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1].id : null };
}

/**
 * The distinct event kinds, for the filter. A recursive "skip scan" hops along the
 * (kind, id) index one kind at a time, so it costs one index probe per kind rather
 * than a scan of every event.
 */
export async function listEventKinds(): Promise<string[]> {
  const rows = await db.$queryRaw<{ kind: string }[]>`
    WITH RECURSIVE kinds(kind) AS (
      SELECT min(kind) FROM events
      UNION ALL
      SELECT (SELECT min(e.kind) FROM events e WHERE e.kind > kinds.kind) FROM kinds WHERE kinds.kind IS NOT NULL
    )
    SELECT kind FROM kinds WHERE kind IS NOT NULL`;
  return rows.map((r) => r.kind);
}
