import { db } from "@/lib/db";
import type { UnknownMacListQuery } from "./schema";

/** The inbox, most recently seen first, with how many wait in all. */
export async function listUnknownMacs(query: UnknownMacListQuery) {
  const [items, total] = await Promise.all([
    db.unknownMac.findMany({ orderBy: [{ lastSeenAt: "desc" }, { mac: "asc" }], take: query.limit }),
    db.unknownMac.count(),
  ]);
  return { items, total };
}

export type UnknownMacRow = Awaited<ReturnType<typeof listUnknownMacs>>["items"][number];

export function countUnknownMacs(): Promise<number> {
  return db.unknownMac.count();
}

/** One MAC of the inbox (normalised), or null when it has never asked. */
export function findUnknownMac(mac: string) {
  return db.unknownMac.findUnique({ where: { mac } });
}
