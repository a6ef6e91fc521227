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

/**
 * The subnet the inbox's MACs asked from: the one subnet that holds the source address of
 * every one of them (the address their firmware leased to fetch the script), or null.
 */
export async function subnetOfUnknownMacs(macs: string[]): Promise<string | null> {
  if (macs.length === 0) return null;
  const rows = await db.$queryRaw<{ subnet: string | null }[]>`
    SELECT DISTINCT (SELECT s.name FROM subnets s WHERE u.source_ip::inet << s.cidr::cidr ORDER BY masklen(s.cidr::cidr) DESC, s.name LIMIT 1) AS subnet
    FROM unknown_macs u WHERE u.mac = ANY(${macs}::text[]) AND u.source_ip ~ '^[0-9]{1,3}(\.[0-9]{1,3}){3}$'`;
  return rows.length === 1 ? rows[0].subnet : null;
}
