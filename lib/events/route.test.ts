import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/events/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import { stopEventHub } from "./live";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
afterAll(() => stopEventHub());

async function frames(res: Response, count: number, abort: AbortController): Promise<{ kind: string; machineId: string | null }[]> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const out: { kind: string; machineId: string | null }[] = [];
  let buf = "";
  const deadline = setTimeout(() => abort.abort(), 10_000);
  try {
    while (out.length < count) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      for (let i = buf.indexOf("\n\n"); i >= 0; i = buf.indexOf("\n\n")) {
        const data = buf.slice(0, i).split("\n").find((l) => l.startsWith("data: "));
        buf = buf.slice(i + 2);
        if (data) out.push(JSON.parse(data.slice(6)));
      }
    }
  } finally {
    clearTimeout(deadline);
    abort.abort();
  }
  return out;
}

describe("GET /api/events?role=", () => {
  it("streams only the events of the role's machines, including a machine that joins it later", async () => {
    const web = await db.role.create({ data: { name: "web" } });
    const inRole = await db.machine.create({ data: { hostname: "w1", roleId: web.id } });
    const other = await db.machine.create({ data: { hostname: "x1" } });
    await db.event.create({ data: { kind: "test.a", machineId: inRole.id, payload: {} } });
    await db.event.create({ data: { kind: "test.b", machineId: other.id, payload: {} } });
    await db.event.create({ data: { kind: "test.c", payload: {} } });

    const abort = new AbortController();
    const res = await GET(new Request(apiRequest("/api/events?role=web&lastEventId=0"), { signal: abort.signal }), undefined);
    expect(res.status).toBe(200);
    const reading = frames(res, 2, abort);
    // The other machine joins the role; its next event belongs to the stream.
    await db.machine.update({ where: { id: other.id }, data: { roleId: web.id } });
    await new Promise((r) => setTimeout(r, 5_500));
    await db.event.create({ data: { kind: "test.d", machineId: other.id, payload: {} } });
    expect((await reading).map((f) => f.kind)).toEqual(["test.a", "test.d"]);
  }, 20_000);

  it("takes - for the machines with no role, as the machine list does", async () => {
    const loner = await db.machine.create({ data: { hostname: "no-role-1" } });
    const web = await db.role.findUniqueOrThrow({ where: { name: "web" } });
    const member = await db.machine.create({ data: { hostname: "w9", roleId: web.id } });
    const first = await db.event.create({ data: { kind: "test.loner", machineId: loner.id, payload: {} } });
    await db.event.create({ data: { kind: "test.member", machineId: member.id, payload: {} } });
    await db.event.create({ data: { kind: "test.loner2", machineId: loner.id, payload: {} } });
    const abort = new AbortController();
    const res = await GET(new Request(apiRequest(`/api/events?role=-&lastEventId=${first.id - 1n}`), { signal: abort.signal }), undefined);
    expect(res.status).toBe(200);
    expect((await frames(res, 2, abort)).map((f) => f.kind)).toEqual(["test.loner", "test.loner2"]);
  });

  it("answers 404 for an unknown role", async () => {
    const res = await GET(apiRequest("/api/events?role=nope"), undefined);
    expect(res.status).toBe(404);
  });
});

describe("GET /api/events with Last-Event-ID", () => {
  it("refuses what is not an event id, in the contract's JSON body", async () => {
    for (const value of ["abc", "-1", "9223372036854775808", "99999999999999999999"]) {
      const res = await GET(apiRequest("/api/events", { headers: { "last-event-id": value } }), undefined);
      expect(res.status, value).toBe(400);
      expect((await res.json()).error.message).toBe("Last-Event-ID must be an event id");
    }
    expect((await GET(apiRequest("/api/events?lastEventId=9223372036854775808"), undefined)).status).toBe(400);
  });

  it("streams new events to a browser whose last id is past the newest one (a database reset behind it)", async () => {
    const abort = new AbortController();
    const res = await GET(new Request(apiRequest("/api/events", { headers: { "last-event-id": "9223372036854775807" } }), { signal: abort.signal }), undefined);
    expect(res.status).toBe(200);
    const reading = frames(res, 1, abort);
    await new Promise((r) => setTimeout(r, 500));
    await db.event.create({ data: { kind: "test.after_reset", payload: {} } });
    expect((await reading).map((f) => f.kind)).toEqual(["test.after_reset"]);
  }, 20_000);
});

