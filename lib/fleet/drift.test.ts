import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/fleet/drift.csv/route";
import { GET as getDriftJson } from "@/app/api/fleet/drift/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import { countDrift, groupDriftByRole, listDrift } from "./drift-queries";
import { streamDriftCsv } from "./drift-export";
import { driftFilter, driftListQuery } from "./schema";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
// Requests without a bearer token fall through to the session check, which needs the key.
process.env.FLEETBOOT_SECRET_KEY ??= "44".repeat(32);

const SHA_A = "a".repeat(64);
const SHA_B = "b".repeat(64);
const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);

let published = 0;
async function version(image: string, label: string, sha256: string | null) {
  const img = await db.image.upsert({ where: { name: image }, create: { name: image }, update: {} });
  // Distinct publication times: the version column sorts by them.
  const createdAt = daysAgo(100 - ++published);
  return db.imageVersion.create({ data: { imageId: img.id, version: label, kernelPath: "k", initrdPath: "i", squashfsPath: "s", sha256, createdAt } });
}

beforeAll(async () => {
  const v1 = await version("img", "1.0", SHA_A);
  const v2 = await version("img", "2.0", SHA_B);
  const alt = await version("alt", "9.9", null);
  // A label with a comma and quotes, to see the CSV escape it.
  const odd = await version("img", '3.0,"rc"', null);
  const storage = await db.role.create({ data: { name: "storage", desiredVersionId: v2.id } });
  const compute = await db.role.create({ data: { name: "compute" } });
  const m = (hostname: string, data: Record<string, unknown>) => db.machine.create({ data: { hostname, ...data } });
  await m("s-conv", { roleId: storage.id, rack: "r1", bootedVersionId: v2.id, bootedImageSha256: SHA_B, lastBootAt: daysAgo(1) });
  await m("s-old-1", { roleId: storage.id, rack: "r1", bootedVersionId: v1.id, bootedImageSha256: SHA_A, lastBootAt: daysAgo(40) });
  await m("s-old-2", { roleId: storage.id, rack: "r2", bootedVersionId: v1.id, bootedImageSha256: SHA_A, lastBootAt: daysAgo(5) });
  await m("s-alt", { roleId: storage.id, bootedVersionId: alt.id, bootedImageSha256: "c".repeat(64) });
  await m("s-odd", { roleId: storage.id, rack: "r2", bootedVersionId: odd.id, lastBootAt: daysAgo(2) });
  await m("s-bad-hash", { roleId: storage.id, rack: "r2", bootedVersionId: v2.id, bootedImageSha256: "f".repeat(64), lastBootAt: daysAgo(2) });
  await m("s-upper", { roleId: storage.id, rack: "r2", bootedVersionId: v2.id, bootedImageSha256: SHA_B.toUpperCase(), lastBootAt: daysAgo(3) });
  await m("s-never", { roleId: storage.id, rack: "r1" });
  await m("c-1", { roleId: compute.id, rack: "r1", bootedVersionId: v1.id, bootedImageSha256: SHA_A, lastBootAt: daysAgo(31) });
  await m("n-1", { bootedVersionId: v1.id, bootedImageSha256: SHA_B, lastBootAt: daysAgo(100) });
});

const list = async (params: Record<string, string>) => (await listDrift(driftListQuery.parse(params))).map((r) => r.hostname);

describe("drift lists", () => {
  it("version: reported a version other than the role's desired one (not never-reported, not roles without one)", async () => {
    expect(await list({ kind: "version" })).toEqual(["s-alt", "s-odd", "s-old-1", "s-old-2"]);
    const [row] = await listDrift(driftListQuery.parse({ kind: "version", rack: "r1" }));
    expect(row).toMatchObject({ hostname: "s-old-1", role: "storage", rack: "r1", bootedVersion: "img:1.0", desiredVersion: "img:2.0", state: "new" });
  });

  it("stale: last boot older than the threshold, or a reported version with no boot time on record", async () => {
    expect(await list({ kind: "stale" })).toEqual(["c-1", "n-1", "s-alt", "s-old-1"]);
    expect(await list({ kind: "stale", days: "4" })).toEqual(["c-1", "n-1", "s-alt", "s-old-1", "s-old-2"]);
    expect(await list({ kind: "stale", days: "200" })).toEqual(["s-alt"]);
  });

  it("hash: the reported image hash differs from the version's (case-insensitively); unknown hashes are not mismatches", async () => {
    expect(await list({ kind: "hash" })).toEqual(["n-1", "s-bad-hash"]);
  });

  it("filters by role and rack, with - for none", async () => {
    expect(await list({ kind: "version", rack: "r2" })).toEqual(["s-odd", "s-old-2"]);
    expect(await list({ kind: "version", rack: "-" })).toEqual(["s-alt"]);
    expect(await list({ kind: "stale", role: "compute" })).toEqual(["c-1"]);
    expect(await list({ kind: "stale", role: "-" })).toEqual(["n-1"]);
    expect(await list({ kind: "version", role: "nope" })).toEqual([]);
  });

  it("sorts by any column both ways, hostname breaking ties, unknown boot times as the oldest", async () => {
    expect(await list({ kind: "stale", sort: "lastBoot" })).toEqual(["s-alt", "n-1", "s-old-1", "c-1"]);
    expect(await list({ kind: "stale", sort: "lastBoot", dir: "desc" })).toEqual(["c-1", "s-old-1", "n-1", "s-alt"]);
    expect(await list({ kind: "version", sort: "rack" })).toEqual(["s-old-1", "s-odd", "s-old-2", "s-alt"]);
    expect(await list({ kind: "version", sort: "version" })).toEqual(["s-old-1", "s-old-2", "s-alt", "s-odd"]);
    expect(await list({ kind: "stale", sort: "role", dir: "desc" })).toEqual(["s-alt", "s-old-1", "c-1", "n-1"]);
  });

  it("pages", async () => {
    expect(await list({ kind: "version", limit: "3", page: "1" })).toEqual(["s-alt", "s-odd", "s-old-1"]);
    expect(await list({ kind: "version", limit: "3", page: "2" })).toEqual(["s-old-2"]);
    expect(await list({ kind: "version", limit: "3", page: "3" })).toEqual([]);
  });

  it("groups a list by role for 'roll these', and counts all three lists in one go", async () => {
    expect(await groupDriftByRole(driftFilter.parse({ kind: "stale" }), 2)).toEqual([
      { role: "compute", count: 1, hostnames: ["c-1"] },
      { role: "storage", count: 2, hostnames: ["s-alt", "s-old-1"] },
      { role: null, count: 1, hostnames: ["n-1"] },
    ]);
    // Groups larger than the limit get no names: they are rolled by selector.
    expect(await groupDriftByRole(driftFilter.parse({ kind: "version" }), 3)).toEqual([{ role: "storage", count: 4, hostnames: [] }]);
    expect(await groupDriftByRole(driftFilter.parse({ kind: "stale", role: "-" }), 0)).toEqual([{ role: null, count: 1, hostnames: [] }]);
    expect(await countDrift({ days: 30 })).toEqual({ version: 4, stale: 4, hash: 2 });
    expect(await countDrift({ days: 30, rack: "r2" })).toEqual({ version: 2, stale: 0, hash: 1 });
  });
});

describe("GET /api/fleet/drift.csv", () => {
  it("needs a reader", async () => {
    expect((await GET(apiRequest("/api/fleet/drift.csv", { token: null }), undefined)).status).toBe(401);
  });

  it("rejects an unknown list", async () => {
    const res = await GET(apiRequest("/api/fleet/drift.csv?kind=colour"), undefined);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/kind/);
  });

  it("exports the whole list with a header, in hostname order, escaping commas and quotes", async () => {
    const res = await GET(apiRequest("/api/fleet/drift.csv?kind=version&role=storage"), undefined);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="fleet-drift_version_role-storage.csv"');
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("hostname,role,rack,state,maintenance,booted_version,desired_version,last_boot_at,last_seen_at,reported_sha256,expected_sha256");
    expect(lines.slice(1, -1).map((l) => l.split(",")[0])).toEqual(["s-alt", "s-odd", "s-old-1", "s-old-2"]);
    expect(lines[2]).toMatch(/^s-odd,storage,r2,new,false,"img:3\.0,""rc""",img:2\.0,\d{4}-\d\d-\d\dT[\d:.]+Z,,,$/);
    expect(lines[lines.length - 1]).toBe("");
  });

  it("streams lists longer than one batch without losing or repeating a row", async () => {
    const reader = streamDriftCsv(driftFilter.parse({ kind: "stale" }), 1).getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value, { stream: true });
    expect(text.split("\r\n").slice(1, -1).map((l) => l.split(",")[0])).toEqual(["c-1", "n-1", "s-alt", "s-old-1"]);
  });
});

describe("GET /api/fleet/drift", () => {
  it("answers one page of a list as JSON with its total", async () => {
    const res = await getDriftJson(apiRequest("/api/fleet/drift?kind=version&limit=2&page=2"), undefined);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ kind: "version", page: 2, limit: 2, total: 4 });
    expect(body.items.map((r: { hostname: string }) => r.hostname)).toEqual(["s-old-1", "s-old-2"]);
  });

  it("reads a page number and a number of days only from plain digits", async () => {
    for (const [qs, message] of [
      ["page=abc", "page: must be a whole number from 1 to 1000000"],
      ["page=0x2", "page: must be a whole number from 1 to 1000000"],
      ["kind=stale&days=1e1", "days: days must be a whole number of days"],
    ]) {
      const res = await getDriftJson(apiRequest(`/api/fleet/drift?${qs}`), undefined);
      expect(res.status, qs).toBe(400);
      expect((await res.json()).error.message, qs).toBe(message);
    }
  });

  it("takes a role by name or id, and answers 404 for a role that does not exist", async () => {
    const storage = await db.role.findUniqueOrThrow({ where: { name: "storage" } });
    const byName = await (await getDriftJson(apiRequest("/api/fleet/drift?kind=version&role=storage"), undefined)).json();
    const byId = await (await getDriftJson(apiRequest(`/api/fleet/drift?kind=version&role=${storage.id}`), undefined)).json();
    expect(byId.total).toBe(byName.total);
    expect(byId.items).toEqual(byName.items);
    const missing = await getDriftJson(apiRequest("/api/fleet/drift?kind=version&role=nope"), undefined);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('no role "nope"');
    expect((await GET(apiRequest("/api/fleet/drift.csv?kind=version&role=nope"), undefined)).status).toBe(404);
  });

  it("rejects a bad threshold with the field named", async () => {
    const res = await getDriftJson(apiRequest("/api/fleet/drift?kind=stale&days=0"), undefined);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/days/);
  });
});
