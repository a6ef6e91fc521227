import { describe, expect, it } from "vitest";
import { GET as getSubnet, PATCH, DELETE } from "@/app/api/subnets/[id]/route";
import { GET, POST } from "@/app/api/subnets/route";
import { db } from "@/lib/db";
import { apiRequest, params, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const post = (body: unknown) => POST(apiRequest("/api/subnets", { method: "POST", body }), undefined);
const patch = (ref: string, body: unknown) => PATCH(apiRequest(`/api/subnets/${ref}`, { method: "PATCH", body }), params({ id: ref }));

describe("/api/subnets", () => {
  it("creates a subnet from a name and a CIDR alone, and audits it", async () => {
    const res = await post({ name: "lab", cidr: "10.50.0.0/24" });
    expect(res.status).toBe(201);
    const subnet = await res.json();
    expect(subnet).toMatchObject({ name: "lab", cidr: "10.50.0.0/24", gateway: null, dns: [], poolStart: null });
    const audit = await db.auditEntry.findFirst({ where: { targetId: subnet.id } });
    expect(audit).toMatchObject({ action: "subnet.create", actor: "admin token" });
  });

  it("stores every field, and reads them back as plain addresses", async () => {
    const body = {
      name: "full",
      cidr: "10.51.0.0/22",
      gateway: "10.51.0.1",
      dns: ["10.51.0.2", "10.51.0.3"],
      domain: "full.example.net",
      poolStart: "10.51.1.0",
      poolEnd: "10.51.3.250",
      nextServer: "boot.example.net",
    };
    expect((await post(body)).status).toBe(201);
    const got = await getSubnet(apiRequest("/api/subnets/full"), params({ id: "full" }));
    expect(await got.json()).toMatchObject({ ...body, machineCount: 0, poolUsed: 0, poolSize: 763 });
  });

  it("refuses a host address as CIDR, suggesting the network, and writes nothing", async () => {
    const before = await db.subnet.count();
    const res = await post({ name: "bad", cidr: "10.0.0.5/24" });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation_failed");
    expect(error.details.fields).toEqual([{ path: "cidr", message: expect.stringContaining("10.0.0.0/24") }]);
    expect(await db.subnet.count()).toBe(before);
  });

  it("names every bad field at once", async () => {
    const res = await post({ name: "-x", cidr: "10.52.0.0/24", gateway: "10.52.1.1", poolStart: "10.52.0.9", poolEnd: "10.52.0.1", nextServer: "192.0.2.300" });
    expect(res.status).toBe(400);
    const paths = (await res.json()).error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(paths).toEqual(["gateway", "name", "nextServer", "poolEnd"]);
  });

  it.each([["fd00::/64"], ["10.53.0.0/31"], ["10.0.0.0/7"]])("refuses %s", async (cidr) => {
    expect((await post({ name: "nope", cidr })).status).toBe(400);
  });

  it("answers a duplicate name or an overlapping CIDR with 409", async () => {
    await post({ name: "dup", cidr: "10.54.0.0/24" });
    const sameName = await post({ name: "dup", cidr: "10.55.0.0/24" });
    expect(sameName.status).toBe(409);
    expect((await sameName.json()).error).toMatchObject({ message: "a subnet named dup already exists", details: { field: "name" } });
    const overlap = await post({ name: "overlap", cidr: "10.54.0.0/16" });
    expect(overlap.status).toBe(409);
    expect((await overlap.json()).error.message).toContain("dup");
  });

  it("checks a partial update against the stored subnet", async () => {
    await post({ name: "edit-me", cidr: "10.56.0.0/24", gateway: "10.56.0.1" });
    const moved = await patch("edit-me", { cidr: "10.57.0.0/24" });
    expect(moved.status).toBe(400);
    expect((await moved.json()).error.details.fields).toEqual([{ path: "gateway", message: "10.56.0.1 is outside 10.57.0.0/24" }]);
    const ok = await patch("edit-me", { cidr: "10.57.0.0/24", gateway: "10.57.0.1", dns: "10.57.0.2 10.57.0.3" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ cidr: "10.57.0.0/24", gateway: "10.57.0.1", dns: ["10.57.0.2", "10.57.0.3"] });
    const audit = await db.auditEntry.findFirst({ where: { action: "subnet.update" } });
    expect(audit?.changes).toMatchObject({ cidr: ["10.56.0.0/24", "10.57.0.0/24"] });
  });

  it("lists, and deletes by name", async () => {
    await post({ name: "gone", cidr: "10.58.0.0/24" });
    const list = await (await GET(apiRequest("/api/subnets"), undefined)).json();
    expect(list.items.map((s: { name: string }) => s.name)).toContain("gone");
    const del = await DELETE(apiRequest("/api/subnets/gone", { method: "DELETE" }), params({ id: "gone" }));
    expect(del.status).toBe(204);
    expect((await getSubnet(apiRequest("/api/subnets/gone"), params({ id: "gone" }))).status).toBe(404);
    expect(await db.auditEntry.count({ where: { action: "subnet.delete" } })).toBe(1);
  });

  it("requires a bearer token", async () => {
    expect((await GET(apiRequest("/api/subnets", { token: null }), undefined)).status).toBe(401);
    const anonymous = await POST(apiRequest("/api/subnets", { method: "POST", body: { name: "x", cidr: "10.59.0.0/24" }, token: null }), undefined);
    expect(anonymous.status).toBe(401);
    expect(await db.subnet.count({ where: { name: "x" } })).toBe(0);
  });
});

describe("subnets sent at the same moment", () => {
  it("that overlap: one is created, the others are refused as overlapping", async () => {
    const answers = await Promise.all([
      post({ name: "race-a", cidr: "10.89.0.0/24" }),
      post({ name: "race-b", cidr: "10.89.0.0/16" }),
      post({ name: "race-c", cidr: "10.89.1.0/24" }),
    ]);
    const statuses = answers.map((r) => r.status);
    // race-a and race-c do not overlap each other, race-b overlaps both: either b alone, or a and c.
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of answers.filter((a) => a.status !== 201)) {
      expect(r.status).toBe(409);
      const { error } = await r.json();
      expect(error.message).toMatch(/overlaps subnet race-/);
      // Named as every conflict is, so a form puts it next to the field.
      expect(error.details).toMatchObject({ field: "cidr", fields: [{ path: "cidr", message: error.message }] });
    }
    const made = await db.subnet.findMany({ where: { name: { startsWith: "race-" } }, orderBy: { name: "asc" } });
    expect(made.map((m) => m.name)).toSatisfy((names: string[]) => names.join() === "race-b" || names.join() === "race-a,race-c");
  });
});

