import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/audit/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";

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
