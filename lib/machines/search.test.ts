import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { countMatchingMachines } from "./search";

useTestDatabase();

const hits = (q: string) => countMatchingMachines({ q });

describe("hostname search", () => {
  it("follows creates, renames and deletes (the search index is kept by the database)", async () => {
    const m = await db.machine.create({ data: { hostname: "stor-r05-01" } });
    await db.$executeRaw`INSERT INTO machines (id, hostname, updated_at) VALUES (gen_random_uuid(), 'gpu-r01-07', now())`;
    expect(await hits("r05")).toBe(1);
    expect(await hits("gpu-r0")).toBe(1);
    await db.machine.update({ where: { id: m.id }, data: { hostname: "web-r09-01" } });
    expect(await hits("r05")).toBe(0);
    expect(await hits("web-r09")).toBe(1);
    // Other updates leave the name alone.
    await db.machine.update({ where: { id: m.id }, data: { state: "booting", lastBootAt: new Date() } });
    expect(await hits("web-r09")).toBe(1);
    await db.machine.delete({ where: { id: m.id } });
    expect(await hits("web-r09")).toBe(0);
    expect(await db.machineName.count()).toBe(1);
  });
});
