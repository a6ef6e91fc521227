import { describe, expect, it } from "vitest";
import { GET as listMachines } from "@/app/api/machines/route";
import { GET as getRole } from "@/app/api/roles/[id]/route";
import { POST as createRole } from "@/app/api/roles/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";
import { auditQuery } from "@/lib/audit/queries";
import { driftFilter } from "@/lib/fleet/schema";
import { machineListQuery } from "@/lib/machines/schema";
import { toAppError } from "./errors";

// PostgreSQL cannot store a NUL character (U+0000) in text: every way one can arrive is
// refused as bad input, naming where it was, and nothing is written.
useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

describe("a JSON body nested too deep", () => {
  it("is a 400 naming the limit, not a stack overflow, and writes nothing", async () => {
    const deep = `{"name":"deep-role","deployVars":{"x":${"[".repeat(20_000)}${"]".repeat(20_000)}}}`;
    const res = await createRole(apiRequest("/api/roles", { method: "POST", body: deep }), undefined);
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ code: "bad_request", message: "the body is nested more than 32 levels deep (at deployVars.x.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0)" });
    expect(await db.role.count({ where: { name: "deep-role" } })).toBe(0);
    // Ansible variables a few levels deep are fine.
    const ok = await createRole(apiRequest("/api/roles", { method: "POST", body: { name: "deep-role", deployVars: { a: { b: { c: [{ d: 1 }] } } } } }), undefined);
    expect(ok.status).toBe(201);
  });
});

describe("a NUL character in a request", () => {
  it("in a JSON field is refused by name, before anything is written", async () => {
    const res = await createRole(apiRequest("/api/roles", { method: "POST", body: { name: "nul-role", description: "a\u0000b" } }), undefined);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "validation_failed", message: "description: must not contain a NUL character (\\u0000)", details: { fields: [{ path: "description" }] } });
    expect(await db.role.count({ where: { name: "nul-role" } })).toBe(0);
  });

  it("in a nested field or a key is named by its path", async () => {
    const res = await createRole(apiRequest("/api/roles", { method: "POST", body: { name: "nul-role", vars: { "k\u0000": 1 } } }), undefined);
    expect((await res.json()).error.message).toBe("vars.k\u0000: must not contain a NUL character (\\u0000)");
  });

  it("in a query parameter or a path segment is a 400, not a failed query", async () => {
    const q = await listMachines(apiRequest("/api/machines?q=a%00b"), undefined);
    expect(q.status).toBe(400);
    expect((await q.json()).error.message).toBe("q: must not contain a NUL character (\\u0000)");
    const path = await getRole(apiRequest("/api/roles/a%00b"), params({ id: "a\u0000b" }));
    expect(path.status).toBe(400);
    expect((await path.json()).error.message).toBe("the URL path contains a NUL character (%00)");
  });

  it("in a page's filter makes the filter invalid (the page then ignores it) rather than failing its query", () => {
    expect(machineListQuery.safeParse({ q: "a\u0000b" }).success).toBe(false);
    expect(auditQuery.safeParse({ actor: "a\u0000b" }).success).toBe(false);
    expect(driftFilter.safeParse({ role: "a\u0000b" }).success).toBe(false);
  });

  it("that reaches the database anyway becomes a validation error", async () => {
    const err = await db.role.create({ data: { name: "nul-backstop", description: "a\u0000b" } }).catch((e: unknown) => e);
    expect(toAppError(err)).toMatchObject({ code: "validation_failed", status: 400 });
    expect(toAppError(err).message).toMatch(/NUL character/);
  });
});
