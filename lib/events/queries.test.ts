import { describe, expect, it, beforeAll } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { listEventKinds, listEvents } from "./queries";
import { eventListQuery } from "./schema";

useTestDatabase();

const query = (q: Record<string, string> = {}) => listEvents(eventListQuery.parse(q));
let machineId = "";

beforeAll(async () => {
  const machine = await db.machine.create({ data: { hostname: "node-01" } });
  const rollout = await db.rollout.create({ data: { name: "r1", selector: {} } });
  machineId = machine.id;
  const kinds = ["machine.booting", "machine.ready", "deployment.started", "deployment.succeeded", "rollout.started", "machine_x.odd"];
  for (let i = 0; i < 30; i++) {
    await db.event.create({
      data: {
        kind: kinds[i % kinds.length],
        machineId: i % 2 === 0 ? machine.id : null,
        rolloutId: i % 6 === 4 ? rollout.id : null,
        payload: { n: i },
      },
    });
  }
});

describe("listEvents", () => {
  it("pages newest first by cursor, with ids as strings, without gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof query>> = await query({ limit: "7", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(seen.every((id) => typeof id === "string")).toBe(true);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => b - a));
    expect(JSON.stringify(await query())).toContain('"id":"30"');
  });

  it("filters by kind prefix, taking underscores literally", async () => {
    const machine = await query({ kind: "machine." });
    expect(machine.items).toHaveLength(10);
    expect(new Set(machine.items.map((e) => e.kind))).toEqual(new Set(["machine.booting", "machine.ready"]));
    expect((await query({ kind: "deployment.succeeded" })).items).toHaveLength(5);
    const underscored = await query({ kind: "machine_" });
    expect(underscored.items).toHaveLength(5);
    expect(underscored.items.every((e) => e.kind === "machine_x.odd")).toBe(true);
  });

  it("filters by machine hostname or id, and carries machine and rollout names", async () => {
    const byName = await query({ machine: "node-01" });
    expect(byName.items).toHaveLength(15);
    expect(byName.items[0].machine).toEqual({ id: machineId, hostname: "node-01" });
    expect((await query({ machine: machineId })).items).toHaveLength(15);
    expect((await query({ machine: "nope" })).items).toHaveLength(0);
    // Part of a hostname finds its machines' events.
    expect((await query({ machine: "ode-0" })).items.map((e) => e.id)).toEqual(byName.items.map((e) => e.id));
    expect((await query({ kind: "rollout." })).items.every((e) => e.rollout?.name === "r1")).toBe(true);
  });

  it("rejects a cursor that is not an event id", () => {
    expect(eventListQuery.safeParse({ cursor: "1; drop" }).success).toBe(false);
    expect(eventListQuery.safeParse({ cursor: "99999999999999999999" }).success).toBe(false);
  });
});

describe("listEventKinds", () => {
  it("lists each kind once, in order", async () => {
    expect(await listEventKinds()).toEqual([
      "deployment.started",
      "deployment.succeeded",
      "machine.booting",
      "machine.ready",
      "machine_x.odd",
      "rollout.started",
    ]);
  });
});
