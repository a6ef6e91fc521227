import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/fleet/homogeneity/route";
import { db } from "@/lib/db";
import { apiRequest, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";
import { countMachineStates } from "./queries";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
// Requests without a bearer token fall through to the session check, which needs the key.
process.env.FLEETBOOT_SECRET_KEY ??= "44".repeat(32);

async function version(image: string, label: string) {
  const img = await db.image.upsert({ where: { name: image }, create: { name: image }, update: {} });
  return db.imageVersion.create({ data: { imageId: img.id, version: label, kernelPath: "k", initrdPath: "i", squashfsPath: "s" } });
}

let n = 0;
async function machines(count: number, data: { roleId?: string; bootedVersionId?: string | null; state?: "ready" | "failed" | "new"; maintenance?: boolean }) {
  for (let i = 0; i < count; i++) await db.machine.create({ data: { hostname: `m-${++n}`, ...data } });
}

beforeAll(async () => {
  const [v1, v2, other] = [await version("img", "1.0"), await version("img", "2.0"), await version("alt", "9.9")];
  const storage = await db.role.create({ data: { name: "storage", desiredVersionId: v2.id } });
  const compute = await db.role.create({ data: { name: "compute" } });
  await db.role.create({ data: { name: "empty", desiredVersionId: v1.id } });
  await machines(5, { roleId: storage.id, bootedVersionId: v2.id, state: "ready" });
  await machines(3, { roleId: storage.id, bootedVersionId: v1.id, state: "ready", maintenance: true });
  await machines(1, { roleId: storage.id, bootedVersionId: other.id, state: "failed" });
  await machines(2, { roleId: storage.id, state: "new" });
  await machines(4, { roleId: compute.id, bootedVersionId: v1.id, state: "ready" });
  await machines(1, { roleId: compute.id, state: "new" });
  await machines(2, { bootedVersionId: v1.id, state: "ready" });
});

describe("GET /api/fleet/homogeneity", () => {
  it("requires a token", async () => {
    expect((await GET(apiRequest("/api/fleet/homogeneity", { token: null }), undefined)).status).toBe(401);
  });

  it("counts converged, drifted and never-reported machines per role, and fleet-wide", async () => {
    const res = await GET(apiRequest("/api/fleet/homogeneity"), undefined);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ total: 18, converged: 5, drifted: 4, neverReported: 3 });
    expect(body.roles.map((r: { role: string | null }) => r.role)).toEqual(["compute", "empty", "storage", null]);
    const [compute, empty, storage, none] = body.roles;
    expect(storage).toEqual({
      role: "storage",
      desiredVersion: "img:2.0",
      total: 11,
      converged: 5,
      drifted: 4,
      neverReported: 2,
      versions: [
        { version: "img:2.0", count: 5, desired: true },
        { version: "img:1.0", count: 3, desired: false },
        { version: "alt:9.9", count: 1, desired: false },
      ],
    });
    // A role without a desired version converges on nothing and drifts from nothing.
    expect(compute).toMatchObject({ desiredVersion: null, total: 5, converged: 0, drifted: 0, neverReported: 1 });
    expect(compute.versions).toEqual([{ version: "img:1.0", count: 4, desired: false }]);
    expect(empty).toMatchObject({ desiredVersion: "img:1.0", total: 0, converged: 0, versions: [] });
    expect(none).toMatchObject({ role: null, total: 2, converged: 0, versions: [{ version: "img:1.0", count: 2, desired: false }] });
  });
});

describe("countMachineStates", () => {
  it("counts each state and the maintenance flag", async () => {
    expect(await countMachineStates()).toEqual({ new: 3, booting: 0, deploying: 0, ready: 14, failed: 1, rebooting: 0, maintenance: 3, total: 18 });
  });
});
