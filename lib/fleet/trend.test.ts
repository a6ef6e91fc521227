import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/fleet/trend/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import { accumulateTrend, machinesAdded, trendTimes } from "./trend";
import { getConvergenceTrend } from "./trend-queries";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const H = 3_600_000;
const D = 24 * H;
const ago = (ms: number) => new Date(Date.now() - ms);

/** When each machine ran the desired version, as [from, until) in ms before now, and when it was registered. */
const CONVERGED: Record<string, [number, number][]> = {
  w1: [[10 * D + 2 * H, 0]],
  w2: [[3 * D, D + H]],
  w3: [[2 * D, 0]],
  w4: [],
  w5: [[60 * D, 0]],
  w6: [[60 * D, 20 * D + H]],
  w7: [[15 * D, 0]],
};
const REGISTERED: Record<string, number> = { w1: 60 * D, w2: 60 * D, w3: 5 * D, w4: 60 * D, w5: 60 * D, w6: 60 * D, w7: D };
/** Members from their registration, or from their recorded boot when that is earlier. */
const MEMBER: Record<string, number> = { ...REGISTERED, w7: 15 * D };

function expected(at: Date) {
  const t = Date.now() - at.getTime();
  let converged = 0;
  let total = 0;
  for (const [m, runs] of Object.entries(CONVERGED)) {
    if (MEMBER[m] >= t) total++;
    // A run counts at a point at or after its start and before its end (0 = still running).
    if (runs.some(([from, until]) => from >= t && (until === 0 || until < t))) converged++;
  }
  return { converged, total };
}

beforeAll(async () => {
  const image = await db.image.create({ data: { name: "img" } });
  const [v1, v2] = await Promise.all(
    ["1.0", "2.0"].map((version) => db.imageVersion.create({ data: { imageId: image.id, version, kernelPath: "k", initrdPath: "i", squashfsPath: "s" } })),
  );
  const web = await db.role.create({ data: { name: "web", desiredVersionId: v2.id } });
  await db.role.create({ data: { name: "db" } });
  const machine = (hostname: string, data: { bootedVersionId?: string; lastBootAt?: Date } = {}) =>
    db.machine.create({ data: { hostname, roleId: web.id, createdAt: ago(REGISTERED[hostname]), ...data } });
  const deployed = (machineId: string, versionId: string, msAgo: number) =>
    db.deployment.create({ data: { machineId, imageVersionId: versionId, trigger: "report", status: "succeeded", queuedAt: ago(msAgo) } });

  // Moved to 2.0 ten days ago (the machine row's boot comes an hour before its report).
  const w1 = await machine("w1", { bootedVersionId: v2.id, lastBootAt: ago(10 * D + 2 * H) });
  await deployed(w1.id, v1.id, 35 * D);
  await deployed(w1.id, v2.id, 10 * D + H);
  // On 2.0 for two days, then rolled back.
  const w2 = await machine("w2", { bootedVersionId: v1.id, lastBootAt: ago(D + H) });
  await deployed(w2.id, v1.id, 35 * D);
  await deployed(w2.id, v2.id, 3 * D);
  await deployed(w2.id, v1.id, D);
  // Registered five days ago, no deployment on record: the machine row alone tells.
  await machine("w3", { bootedVersionId: v2.id, lastBootAt: ago(2 * D) });
  // Never reported.
  await machine("w4");
  // On 2.0 since before the window, without a boot time: one probe into its deployments.
  const w5 = await machine("w5", { bootedVersionId: v2.id });
  await deployed(w5.id, v2.id, 40 * D);
  // On 2.0 before the window, then booted 1.0 inside it.
  const w6 = await machine("w6", { bootedVersionId: v1.id, lastBootAt: ago(20 * D + H) });
  await deployed(w6.id, v2.id, 45 * D);
  await deployed(w6.id, v1.id, 20 * D);
  // Registered yesterday with a boot two weeks old (imported): a member since that boot.
  await machine("w7", { bootedVersionId: v2.id, lastBootAt: ago(15 * D) });

  await db.rollout.create({ data: { name: "web to 2.0", selector: { role: "web" }, targetVersionId: v2.id, state: "succeeded", createdAt: ago(3 * D), finishedAt: ago(3 * D - H) } });
});

describe("getConvergenceTrend", () => {
  it("30 days: one point per UTC midnight and now, counting what each machine ran at each point", async () => {
    const trend = await getConvergenceTrend({ range: "30d" });
    expect(trend.withoutDesired).toEqual(["db"]);
    expect(trend.roles.map((r) => r.role)).toEqual(["web"]);
    const [web] = trend.roles;
    expect(web.desiredVersion).toBe("img:2.0");
    expect(web.points).toHaveLength(31);
    for (const p of web.points.slice(0, -1)) expect(p.at.toISOString()).toMatch(/T00:00:00\.000Z$/);
    expect(Math.abs(web.points[30].at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(web.points[29].at.getTime() - web.points[0].at.getTime()).toBe(29 * D);
    for (const p of web.points) expect(p).toEqual({ at: p.at, ...expected(p.at) });
    expect(web.points[30]).toMatchObject({ converged: 4, total: 7 });
    expect(web.rollouts).toEqual([expect.objectContaining({ name: "web to 2.0", state: "succeeded" })]);
  });

  it("24 hours in quarter hours, for one role, shows the same machines", async () => {
    const trend = await getConvergenceTrend({ range: "24h", role: "web" });
    const [web] = trend.roles;
    expect(web.points).toHaveLength(97);
    expect(web.points[1].at.getTime() - web.points[0].at.getTime()).toBe(15 * 60_000);
    for (const p of web.points) expect(p).toEqual({ at: p.at, ...expected(p.at) });
  });

  it("a role filter that matches nothing gives no lines", async () => {
    expect((await getConvergenceTrend({ range: "7d", role: "nope" })).roles).toEqual([]);
  });
});

describe("GET /api/fleet/trend", () => {
  it("answers the trend as JSON, and names a bad range", async () => {
    const res = await GET(apiRequest("/api/fleet/trend?range=7d&role=web"), undefined);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ range: "7d", stepSeconds: 3600, roles: [{ role: "web", desiredVersion: "img:2.0" }] });
    expect(body.roles[0].points).toHaveLength(169);
    expect(body.roles[0].points[168]).toMatchObject({ converged: 4, total: 7 });
    const bad = await GET(apiRequest("/api/fleet/trend?range=1y"), undefined);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/range must be one of 6h, 24h, 7d, 30d, 90d/);
  });

  it("takes a role by name in any case or by id, and answers 404 for no such role", async () => {
    const web = await db.role.findUniqueOrThrow({ where: { name: "web" } });
    for (const ref of ["WEB", web.id]) {
      const body = await (await GET(apiRequest(`/api/fleet/trend?range=7d&role=${ref}`), undefined)).json();
      expect(body.roles.map((r: { role: string }) => r.role), ref).toEqual(["web"]);
    }
    const none = await GET(apiRequest("/api/fleet/trend?role=nope"), undefined);
    expect(none.status).toBe(404);
  });
});

describe("accumulateTrend", () => {
  it("sums the changes per bucket into counts at each point", () => {
    const times = trendTimes(new Date("2026-01-01T00:00:00Z"), new Date("2026-01-03T12:00:00Z"), 86_400, 3);
    expect(times.map((t) => t.toISOString())).toEqual(["2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z", "2026-01-03T12:00:00.000Z"]);
    const points = accumulateTrend(
      [
        { roleId: "a", k: 0, converged: 2, machines: 5 },
        { roleId: "a", k: 2, converged: 3, machines: 0 },
        { roleId: "a", k: 3, converged: -1, machines: 1 },
      ],
      times,
    );
    expect(points.get("a")!.map((p) => [p.converged, p.total])).toEqual([[2, 5], [2, 5], [5, 5], [4, 6]]);
  });
});

describe("machinesAdded", () => {
  it("is the change in machines from the first point that has any to the last", () => {
    expect(machinesAdded([[1, 0, 0], [2, 5, 10], [3, 5, 20]])).toBe(10);
    expect(machinesAdded([[1, 5, 10], [2, 4, 8]])).toBe(-2);
    expect(machinesAdded([[1, 0, 0]])).toBe(0);
    expect(machinesAdded([])).toBe(0);
  });
});
