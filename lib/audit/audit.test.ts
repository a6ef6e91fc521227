import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/audit/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import { auditTargets } from "./queries";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

beforeAll(async () => {
  for (let i = 1; i <= 3; i++) await db.auditEntry.create({ data: { actor: "ops@example.com", action: `test.step${i}`, targetType: "test" } });
});

describe("GET /api/audit", () => {
  it("pages newest first by cursor", async () => {
    const first = await (await GET(apiRequest("/api/audit?limit=2"), undefined)).json();
    expect(first.items.map((e: { action: string }) => e.action)).toEqual(["test.step3", "test.step2"]);
    const rest = await (await GET(apiRequest(`/api/audit?limit=2&cursor=${first.nextCursor}`), undefined)).json();
    expect(rest).toMatchObject({ items: [{ action: "test.step1" }], nextCursor: null });
  });

  it("refuses a cursor that is not a row id, including one past 2^63 − 1", async () => {
    for (const cursor of ["abc", "9223372036854775808", "99999999999999999999"]) {
      const res = await GET(apiRequest(`/api/audit?cursor=${cursor}`), undefined);
      expect(res.status, cursor).toBe(400);
      expect((await res.json()).error.message).toBe("cursor: must be the nextCursor of an earlier page");
    }
    expect((await GET(apiRequest("/api/audit?cursor=9223372036854775807"), undefined)).status).toBe(200);
  });
});

describe("the audit log's targets", () => {
  it("are named and linked while they exist, and keep the name their delete recorded", async () => {
    const role = await db.role.create({ data: { name: "audited-role" } });
    const machine = await db.machine.create({ data: { hostname: "audited-01", roleId: role.id } });
    const items = [
      { targetType: "machine", targetId: machine.id, changes: {} },
      { targetType: "role", targetId: role.id, changes: {} },
      { targetType: "mirror", targetId: "00000000-0000-4000-8000-00000000abcd", changes: { name: "old-mirror" } },
      { targetType: "rollout", targetId: "00000000-0000-4000-8000-00000000beef", changes: {} },
    ];
    const targets = await auditTargets(items);
    expect(targets.get(`machine:${machine.id}`)).toEqual({ label: "audited-01", href: "/machines/audited-01" });
    expect(targets.get(`role:${role.id}`)).toEqual({ label: "audited-role", href: "/roles/audited-role" });
    expect(targets.get("mirror:00000000-0000-4000-8000-00000000abcd")).toEqual({ label: "old-mirror", href: null });
    expect(targets.get("rollout:00000000-0000-4000-8000-00000000beef")).toEqual({ label: "00000000", href: null });
  });
});
