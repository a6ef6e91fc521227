import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";
import { machineInclude, toMachineDto } from "./dto";
import type { MachineListQuery } from "./schema";
import { countMatchingMachines, pageMachineIds } from "./search";

export function encodeCursor(hostname: string): string {
  return Buffer.from(hostname, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string {
  const hostname = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z0-9-]{1,63}$/.test(hostname)) throw new AppError("bad_request", "cursor is not one this API handed out");
  return hostname;
}

/** One page of machines in hostname order; the cursor is the last hostname of the page. */
export async function listMachines(query: MachineListQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const ids = await pageMachineIds(query, query.limit + 1, after);
  const rows = await db.machine.findMany({ where: { id: { in: ids } }, include: machineInclude, orderBy: { hostname: "asc" } });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toMachineDto),
    nextCursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].hostname) : null,
  };
}

export async function countMachines(query: Omit<MachineListQuery, "cursor" | "limit">): Promise<number> {
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

export function listSubnetChoices() {
  return db.subnet.findMany({ select: { name: true, cidr: true }, orderBy: { name: "asc" } });
}
