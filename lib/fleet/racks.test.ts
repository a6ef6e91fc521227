import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { getRackView } from "./rack-queries";
import { pageRacks } from "./racks";
import { rackQuery } from "./schema";

useTestDatabase();

let v1 = "";
beforeAll(async () => {
  const image = await db.image.create({ data: { name: "img" } });
  const [a, b, c] = await Promise.all(
    ["1.0", "2.0", "3.0"].map((version) => db.imageVersion.create({ data: { imageId: image.id, version, kernelPath: "k", initrdPath: "i", squashfsPath: "s" } })),
  );
  v1 = a.id;
  const storage = await db.role.create({ data: { name: "storage", desiredVersionId: b.id } });
  const compute = await db.role.create({ data: { name: "compute", desiredVersionId: c.id } });
  const rows: { hostname: string; rack: string | null; roleId: string | null; bootedVersionId: string | null; state: "ready" | "failed" | "new" }[] = [
    // r1: all on the desired version.
    { hostname: "s-1", rack: "r1", roleId: storage.id, bootedVersionId: b.id, state: "ready" },
    { hostname: "s-2", rack: "r1", roleId: storage.id, bootedVersionId: b.id, state: "ready" },
    // r10: stuck on 1.0.
    { hostname: "s-3", rack: "r10", roleId: storage.id, bootedVersionId: a.id, state: "ready" },
    { hostname: "s-4", rack: "r10", roleId: storage.id, bootedVersionId: a.id, state: "failed" },
    { hostname: "c-1", rack: "r10", roleId: compute.id, bootedVersionId: c.id, state: "ready" },
    // r2: mixed; 2.0 is desired for storage but not for compute.
    { hostname: "c-2", rack: "r2", roleId: compute.id, bootedVersionId: b.id, state: "ready" },
    { hostname: "s-5", rack: "r2", roleId: storage.id, bootedVersionId: null, state: "new" },
    { hostname: "x-1", rack: null, roleId: null, bootedVersionId: a.id, state: "ready" },
  ];
  await db.machine.createMany({ data: rows });
});

describe("getRackView", () => {
  it("summarises every rack in name order (numbers as numbers, no rack last), with cells in hostname order", async () => {
    const view = await getRackView(rackQuery.parse({}));
    expect(view.racks.map((r) => [r.rack, r.total, r.desired, r.never])).toEqual([
      ["r1", 2, 2, 0],
      ["r2", 2, 0, 1],
      ["r10", 3, 1, 0],
      [null, 1, 0, 0],
    ]);
    expect(view).toMatchObject({ page: 1, pageCount: 1, rackCount: 4, machineCount: 8 });
    expect(view.cells.map((c) => c.hostname)).toEqual(["s-1", "s-2", "c-1", "s-3", "s-4", "c-2", "s-5", "x-1"]);
    expect(view.cells.find((c) => c.hostname === "c-2")).toMatchObject({ rack: "r2", role: "compute", state: "ready" });
  });

  it("keys each machine by its role's desired version, another version, or none reported", async () => {
    const view = await getRackView(rackQuery.parse({}));
    const key = (h: string) => view.cells.find((c) => c.hostname === h)!.versionKey;
    expect([key("s-1"), key("c-1"), key("s-5")]).toEqual(["desired", "desired", "never"]);
    expect(view.labels.get(key("s-3"))).toBe("img:1.0");
    expect(view.labels.get(key("c-2"))).toBe("img:2.0");
    // Desired first, then other versions by how many machines run them, then none reported.
    expect(view.legend.map((l) => [l.key === "desired" || l.key === "never" ? l.key : view.labels.get(l.key), l.count])).toEqual([
      ["desired", 3],
      ["img:1.0", 3],
      ["img:2.0", 1],
      ["never", 1],
    ]);
    expect(view.legend.find((l) => l.key === v1)?.count).toBe(3);
  });

  it("puts the racks furthest from their desired version first, and filters by role", async () => {
    const worst = await getRackView(rackQuery.parse({ sort: "worst" }));
    expect(worst.racks.map((r) => r.rack)).toEqual(["r2", null, "r10", "r1"]);
    const storage = await getRackView(rackQuery.parse({ role: "storage", sort: "worst" }));
    expect(storage.racks.map((r) => [r.rack, r.total])).toEqual([["r2", 1], ["r10", 2], ["r1", 2]]);
    expect(storage.desiredVersion).toBe("img:2.0");
    expect(storage.cells.map((c) => c.hostname)).toEqual(["s-1", "s-2", "s-3", "s-4", "s-5"]);
  });

  it("counts states per rack for the state colouring", async () => {
    const view = await getRackView(rackQuery.parse({ rack: "r10" }));
    expect(Object.fromEntries(view.racks[0].byState)).toEqual({ ready: 2, failed: 1 });
  });
});

describe("pageRacks", () => {
  it("fills pages with whole racks up to the cell budget, at least one rack a page", () => {
    const racks = [50, 30, 30, 120, 10, 10].map((total, i) => ({ rack: `r${i}`, total }));
    expect(pageRacks(racks, 100, 40).map((p) => p.map((r) => r.total))).toEqual([[50, 30], [30], [120], [10, 10]]);
    expect(pageRacks(racks, 1000, 2).map((p) => p.length)).toEqual([2, 2, 2]);
    expect(pageRacks([], 100, 40)).toEqual([]);
  });
});
