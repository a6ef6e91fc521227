import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { bulkMachines } from "./bulk";

useTestDatabase();

async function machines(prefix: string, n: number) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    out.push(await db.machine.create({ data: { hostname: `${prefix}-${i}`, interfaces: { create: [{ mac: `52:54:00:b${prefix.length}:${prefix.charCodeAt(0).toString(16).slice(-2)}:0${i}`, isBoot: true }] } } }));
  }
  return out;
}

describe("acting on several machines at once", () => {
  it("puts machines in maintenance and out again, with the same events and audit as one by one", async () => {
    const [a, b, c] = await machines("mt", 3);
    await db.machine.update({ where: { id: b.id }, data: { maintenance: true } });
    expect(await bulkMachines([a.id, b.id, c.id], "maintenance_on", "ops@example.com")).toEqual({ changed: 2, hostnames: ["mt-1", "mt-3"] });
    expect((await db.machine.findMany({ where: { hostname: { startsWith: "mt-" } } })).every((m) => m.maintenance)).toBe(true);
    expect(await db.event.count({ where: { kind: "machine.maintenance_on", machineId: { in: [a.id, c.id] } } })).toBe(2);
    expect(await db.auditEntry.findMany({ where: { targetId: a.id }, select: { action: true, changes: true, actor: true } })).toEqual([
      { action: "machine.update", changes: { maintenance: [false, true] }, actor: "ops@example.com" },
    ]);
    expect((await bulkMachines([a.id, b.id], "maintenance_off", "ops@example.com")).changed).toBe(2);
    expect(await bulkMachines([a.id], "maintenance_off", "ops@example.com")).toEqual({ changed: 0, hostnames: [] });
  });

  it("deletes machines all together, or none when one of them is gone", async () => {
    const [a, b] = await machines("dl", 2);
    const gone = "00000000-0000-4000-8000-000000000000";
    await expect(bulkMachines([a.id, b.id, gone], "delete", "ops")).rejects.toMatchObject({ code: "not_found", message: "1 of the chosen machines no longer exists; reload the list and choose again" });
    expect(await db.machine.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
    expect(await bulkMachines([a.id, b.id], "delete", "ops")).toEqual({ changed: 2, hostnames: ["dl-1", "dl-2"] });
    expect(await db.machine.count({ where: { id: { in: [a.id, b.id] } } })).toBe(0);
    expect((await db.event.findMany({ where: { kind: "machine.deleted" }, orderBy: { id: "asc" } })).map((e) => (e.payload as { hostname: string }).hostname)).toEqual(["dl-1", "dl-2"]);
    expect(await db.auditEntry.count({ where: { action: "machine.delete", targetId: { in: [a.id, b.id] } } })).toBe(2);
  });

  it("refuses an empty, oversized or malformed choice", async () => {
    await expect(bulkMachines([], "delete", "ops")).rejects.toMatchObject({ message: "choose at least one machine" });
    await expect(bulkMachines(Array.from({ length: 501 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`), "delete", "ops")).rejects.toMatchObject({ message: "at most 500 machines at once" });
    await expect(bulkMachines(["x'; drop"], "delete", "ops")).rejects.toMatchObject({ message: "machines are chosen by id" });
    await expect(bulkMachines([], "reboot" as never, "ops")).rejects.toMatchObject({ message: 'unknown command "reboot"' });
  });
});
