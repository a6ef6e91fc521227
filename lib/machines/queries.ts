import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";
import { machineInclude, toMachineDto } from "./dto";
import type { MachineListQuery } from "./schema";
import { countMachinesBefore, countMatchingMachines, pageMachineIds, type MachineFilters } from "./search";
import { decodeSortCursor, encodeSortCursor, parseMachineSort } from "./sort";

/**
 * One page of machines in the query's order (hostname unless `sort` says otherwise); the
 * cursor is where the page ended, in that order.
 */
export async function listMachines(query: MachineListQuery) {
  const sort = parseMachineSort(query);
  const after = query.cursor ? decodeSortCursor(sort, query.cursor) : undefined;
  const hits = await pageMachineIds(query, sort, query.limit + 1, after);
  const page = hits.slice(0, query.limit);
  const rows = await db.machine.findMany({ where: { id: { in: page.map((h) => h.id) } }, include: machineInclude });
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A machine deleted between the two reads is left out; the cursor still follows the page.
  const items = page.flatMap((h) => (byId.has(h.id) ? [toMachineDto(byId.get(h.id)!)] : []));
  return {
    items,
    nextCursor: hits.length > query.limit ? encodeSortCursor(sort, page[page.length - 1].at) : null,
  };
}

/** Where the query's page starts in its whole list: 0 without a cursor. */
export async function machinesBeforePage(query: MachineListQuery): Promise<number> {
  if (!query.cursor) return 0;
  const sort = parseMachineSort(query);
  return countMachinesBefore(query, sort, decodeSortCursor(sort, query.cursor));
}

export async function countMachines(query: MachineFilters): Promise<number> {
  return countMatchingMachines(query);
}

/** A machine by id or hostname. */
export async function findMachineRow(ref: string) {
  return db.machine.findFirst({
    where: isUuid(ref) ? { id: ref.toLowerCase() } : { hostname: ref.toLowerCase() },
    include: machineInclude,
  });
}

export async function getMachineOrThrow(ref: string) {
  const row = await findMachineRow(ref);
  if (!row) throw new AppError("not_found", `no machine "${ref}"`);
  return toMachineDto(row);
}

export async function listRacks(): Promise<string[]> {
  const rows = await db.machine.groupBy({ by: ["rack"], where: { rack: { not: null } }, orderBy: { rack: "asc" } });
  return rows.map((r) => r.rack!);
}

export function listMachineEvents(machineId: string, take = 50) {
  return db.event.findMany({ where: { machineId }, orderBy: { id: "desc" }, take });
}

export function listMachineDeployments(machineId: string, take = 20) {
  return db.deployment.findMany({
    where: { machineId },
    orderBy: { queuedAt: "desc" },
    take,
    select: { id: true, status: true, trigger: true, exitCode: true, queuedAt: true, startedAt: true, finishedAt: true, imageVersion: { select: { version: true, image: { select: { name: true } } } } },
  });
}

export async function listRoleNames(): Promise<string[]> {
  return (await db.role.findMany({ select: { name: true }, orderBy: { name: "asc" } })).map((r) => r.name);
}

/** Per role, the subnet most of its machines are in: where a new machine of the role most likely goes. */
export async function usualSubnetByRole(): Promise<Record<string, string>> {
  const rows = await db.$queryRaw<{ role: string; subnet: string }[]>`
    SELECT DISTINCT ON (r.name) r.name AS role, s.name AS subnet
    FROM machines m JOIN roles r ON r.id = m.role_id JOIN subnets s ON s.id = m.subnet_id
    GROUP BY r.name, s.name ORDER BY r.name, count(*) DESC, s.name`;
  return Object.fromEntries(rows.map((r) => [r.role, r.subnet]));
}

export function listSubnetChoices() {
  return db.subnet.findMany({ select: { name: true, cidr: true }, orderBy: { name: "asc" } });
}
