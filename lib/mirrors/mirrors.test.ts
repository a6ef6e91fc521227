import { describe, expect, it } from "vitest";
import { GET as getMirror, PATCH, DELETE } from "@/app/api/mirrors/[id]/route";
import { GET, POST } from "@/app/api/mirrors/route";
import { db } from "@/lib/db";
import { apiRequest, params, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

describe("/api/mirrors", () => {
  it("creates a mirror from a base URL alone, names it after the host, and audits it", async () => {
    const res = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "http://10.1.2.3/images/" } }), undefined);
    expect(res.status).toBe(201);
    const mirror = await res.json();
    expect(mirror).toMatchObject({ name: "10-1-2-3", baseUrl: "http://10.1.2.3/images", enabled: true, weight: 100 });
    const audit = await db.auditEntry.findFirst({ where: { targetId: mirror.id } });
    expect(audit?.action).toBe("mirror.create");
  });

  it("names a second mirror on the same host from its URL alone with the next free suffix", async () => {
    const names = [];
    for (const baseUrl of ["http://10.1.2.3/other", "http://10.1.2.3:8080/images", "http://10.1.2.3/third"]) {
      const res = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl } }), undefined);
      expect(res.status, baseUrl).toBe(201);
      names.push((await res.json()).name);
    }
    expect(names).toEqual(["10-1-2-3-2", "10-1-2-3-3", "10-1-2-3-4"]);
    // A name given is kept as given, and its conflict still said.
    const named = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "http://10.1.2.3/fifth", name: "10-1-2-3" } }), undefined);
    expect(named.status).toBe(409);
    expect((await named.json()).error.message).toBe("a mirror named 10-1-2-3 already exists");
  });

  it("rejects a bad URL with a field error and writes nothing", async () => {
    const before = await db.mirror.count();
    const res = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "ftp://x/y", weight: 0 } }), undefined);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(["baseUrl", "weight"]);
    expect(await db.mirror.count()).toBe(before);
  });

  it.each([
    ["http://10.1.1.1/a\nchain http://evil/x", /line breaks/],
    ["http://10.1.1.1/a b", /spaces/],
    ["http://10.1.1.1/a\tb", /control characters|spaces/],
    ["http://10.1.1.1/${foo}", /plain URL/],
    ["http://10.1.1.1/a%20b", /plain URL/],
    ["http://10.1.1.1/a/../b", /plain URL/],
  ])("refuses %j, which no boot script could use, by its field", async (baseUrl, message) => {
    const res = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl, name: "bad-url" } }), undefined);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.fields[0]).toMatchObject({ path: "baseUrl", message: expect.stringMatching(message) });
    expect(await db.mirror.count({ where: { name: "bad-url" } })).toBe(0);
  });

  it("says a weight must be a whole number", async () => {
    const res = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "http://10.1.1.9/i", weight: 1.5 } }), undefined);
    expect((await res.json()).error.details.fields).toContainEqual({ path: "weight", message: "must be a whole number" });
  });

  it("answers a duplicate with 409, not 500", async () => {
    const body = { baseUrl: "http://10.9.9.9/img", name: "dup" };
    expect((await POST(apiRequest("/api/mirrors", { method: "POST", body }), undefined)).status).toBe(201);
    const res = await POST(apiRequest("/api/mirrors", { method: "POST", body }), undefined);
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "conflict", details: { field: expect.stringMatching(/^(name|baseUrl)$/) } });
    expect(error.message).toMatch(/^a mirror (named dup|with base URL http:\/\/10\.9\.9\.9\/img) already exists$/);
    // The same URL under another name is named by its field, not its column.
    const url = await (await POST(apiRequest("/api/mirrors", { method: "POST", body: { ...body, name: "dup-2" } }), undefined)).json();
    expect(url.error).toMatchObject({ message: "a mirror with base URL http://10.9.9.9/img already exists", details: { field: "baseUrl" } });
  });

  it("requires a bearer token", async () => {
    expect((await GET(apiRequest("/api/mirrors", { token: null }), undefined)).status).toBe(401);
    expect((await GET(apiRequest("/api/mirrors", { token: "wrong-token" }), undefined)).status).toBe(401);
  });

  it("reads, updates and deletes by name as well as by id", async () => {
    await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "http://10.5.5.5/i", name: "edit-me" } }), undefined);
    const got = await getMirror(apiRequest("/api/mirrors/edit-me"), params({ id: "edit-me" }));
    expect(got.status).toBe(200);
    const patched = await PATCH(apiRequest("/api/mirrors/edit-me", { method: "PATCH", body: { enabled: false, weight: 5 } }), params({ id: "edit-me" }));
    expect(await patched.json()).toMatchObject({ enabled: false, weight: 5 });
    const del = await DELETE(apiRequest("/api/mirrors/edit-me", { method: "DELETE" }), params({ id: "edit-me" }));
    expect(del.status).toBe(204);
    expect((await getMirror(apiRequest("/api/mirrors/edit-me"), params({ id: "edit-me" }))).status).toBe(404);
  });

  it("refuses a body that is not JSON or too large", async () => {
    const notJson = await POST(apiRequest("/api/mirrors", { method: "POST", body: "{nope" }), undefined);
    expect(notJson.status).toBe(400);
    const huge = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "http://a/b", site: "x".repeat(100_000) } }), undefined);
    expect(huge.status).toBe(413);
  });
});

describe("audit entries", () => {
  it("record where a change came from", async () => {
    const res = await POST(apiRequest("/api/mirrors", { method: "POST", body: { baseUrl: "http://10.7.7.7/i" }, headers: { "x-forwarded-for": "192.0.2.44" } }), undefined);
    const mirror = await res.json();
    const audit = await db.auditEntry.findFirst({ where: { targetId: mirror.id } });
    expect(audit).toMatchObject({ actor: "admin token", sourceIp: "192.0.2.44" });
  });
});
