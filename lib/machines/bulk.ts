import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";

// What the machine list does to the machines ticked on it, all or nothing: one transaction
// with the same events and audit entries as changing each machine on its own page.

export const BULK_COMMANDS = ["maintenance_on", "maintenance_off", "delete"] as const;
export type BulkCommand = (typeof BULK_COMMANDS)[number];

/** As many as one page of the list shows. */
export const BULK_MAX = 500;

export async function bulkMachines(ids: string[], command: BulkCommand, actor: string): Promise<{ changed: number; hostnames: string[] }> {
  if (!BULK_COMMANDS.includes(command)) throw new AppError("validation_failed", `unknown command ${JSON.stringify(command)}`);
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new AppError("validation_failed", "choose at least one machine");
  if (unique.length > BULK_MAX) throw new AppError("validation_failed", `at most ${BULK_MAX} machines at once`);
  if (!unique.every(isUuid)) throw new AppError("validation_failed", "machines are chosen by id");
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; hostname: string; maintenance: boolean; macs: string[] }[]>`
      SELECT m.id::text, m.hostname, m.maintenance,
             coalesce((SELECT array_agg(i.mac::text ORDER BY i.mac) FROM interfaces i WHERE i.machine_id = m.id), '{}') AS macs
      FROM machines m
      WHERE m.id = ANY(${unique}::uuid[])
      ORDER BY m.hostname FOR UPDATE OF m`;
    if (rows.length < unique.length) {
      const gone = unique.length - rows.length;
      throw new AppError("not_found", `${gone} of the chosen machines ${gone === 1 ? "no longer exists" : "no longer exist"}; reload the list and choose again`);
    }
    if (command === "delete") {
      await tx.machine.deleteMany({ where: { id: { in: unique } } });
      await tx.event.createMany({ data: rows.map((m) => ({ kind: "machine.deleted", payload: { hostname: m.hostname, macs: m.macs, actor } })) });
      for (const m of rows) await recordAudit(tx, { actor, action: "machine.delete", targetType: "machine", targetId: m.id, changes: { hostname: m.hostname } });
      return { changed: rows.length, hostnames: rows.map((m) => m.hostname) };
    }
    const on = command === "maintenance_on";
    const changing = rows.filter((m) => m.maintenance !== on);
    await tx.machine.updateMany({ where: { id: { in: changing.map((m) => m.id) } }, data: { maintenance: on } });
    await tx.event.createMany({ data: changing.map((m) => ({ kind: on ? "machine.maintenance_on" : "machine.maintenance_off", machineId: m.id, payload: { actor } })) });
    for (const m of changing) await recordAudit(tx, { actor, action: "machine.update", targetType: "machine", targetId: m.id, changes: { maintenance: [!on, on] } });
    return { changed: changing.length, hostnames: changing.map((m) => m.hostname) };
  });
}
