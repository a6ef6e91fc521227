import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/ref";
import { normaliseMac } from "@/lib/mac/parse";
import type { MachineListQuery } from "./schema";
import { machineSortSql, type MachineSort, type SortPosition } from "./sort";

/** What narrows the machine list, apart from its order and page. */
export type MachineFilters = Omit<MachineListQuery, "cursor" | "limit" | "sort" | "dir">;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// The free-text search is a union of index lookups (hostname and MAC trigrams, IP text
// prefix) rather than one OR across tables, which PostgreSQL can only answer with a scan.
function searchHits(q: string): Prisma.Sql {
  const mac = normaliseMac(q);
  if (mac) return Prisma.sql`SELECT machine_id AS id FROM interfaces WHERE mac = ${mac}`;
  const parts = [
    Prisma.sql`SELECT machine_id FROM machine_names WHERE hostname LIKE ${`%${escapeLike(q)}%`}`,
    Prisma.sql`SELECT machine_id FROM interfaces WHERE mac LIKE ${`%${escapeLike(q.replaceAll("-", ":"))}%`}`,
  ];
  if (/^[0-9.]+$/.test(q)) parts.push(Prisma.sql`SELECT id FROM machines WHERE host(ipv4) LIKE ${`${q}%`}`);
  return Prisma.join(parts, " UNION ");
}

function whereClause(filters: MachineFilters): Prisma.Sql {
  const conds: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filters.role === "-") conds.push(Prisma.sql`m.role_id IS NULL`);
  else if (filters.role && isUuid(filters.role)) conds.push(Prisma.sql`m.role_id = ${filters.role}::uuid`);
  else if (filters.role) conds.push(Prisma.sql`m.role_id = (SELECT id FROM roles WHERE name = ${filters.role})`);
  if (filters.state) conds.push(Prisma.sql`m.state = ${filters.state}::"MachineState"`);
  if (filters.rack === "-") conds.push(Prisma.sql`m.rack IS NULL`);
  else if (filters.rack) conds.push(Prisma.sql`m.rack = ${filters.rack}`);
  const q = filters.q?.trim().toLowerCase();
  if (q) conds.push(Prisma.sql`m.id IN (${searchHits(q)})`);
  return Prisma.join(conds, " AND ");
}

/** One page of machines in `sort` order after `after`: ids, with each row's place for a cursor. */
export async function pageMachineIds(filters: MachineFilters, sort: MachineSort, limit: number, after?: SortPosition): Promise<{ id: string; at: SortPosition }[]> {
  const order = machineSortSql(sort);
  const rows = await db.$queryRaw<{ id: string; k: string | null; hostname: string }[]>`
    SELECT m.id, m.hostname, ${order.keyText} AS k FROM machines m ${order.joins}
    WHERE ${whereClause(filters)} AND ${order.after(after)}
    ORDER BY ${order.orderBy} LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, at: { key: r.k, hostname: r.hostname } }));
}

/** How many matching machines come before `at` in `sort` order (where a cursor's page starts). */
export async function countMachinesBefore(filters: MachineFilters, sort: MachineSort, at: SortPosition): Promise<number> {
  const order = machineSortSql(sort);
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM machines m ${order.joins} WHERE ${whereClause(filters)} AND NOT ${order.after(at)}`;
  return row.n;
}

export async function countMatchingMachines(filters: MachineFilters): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM machines m WHERE ${whereClause(filters)}`;
  return row.n;
}
