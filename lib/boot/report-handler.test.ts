import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { stampClientAddress } from "@/lib/http/client-address";
import { stopBoss } from "@/lib/jobs/boss";
import { useTestDatabase } from "@/lib/testing/db";
import { answerReportRequest } from "./report-handler";
import { issueBootToken } from "./token";

// POST /api/boot/report through the bare node:http front, wired as scripts/serve.mts does:
// real HTTP requests, a real database.

useTestDatabase();

let server: http.Server;
let base = "";
let machineId = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    stampClientAddress(req, []);
    void answerReportRequest(req, res).then((answered) => {
      if (!answered) res.writeHead(404).end("next");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const role = await db.role.create({ data: { name: "lean" } });
  machineId = (await db.machine.create({ data: { hostname: "lean-01", roleId: role.id, interfaces: { create: [{ mac: "52:54:00:bb:01:01" }] } } })).id;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await stopBoss();
});

async function serveScript() {
  const issued = issueBootToken(machineId);
  await db.machine.update({ where: { id: machineId }, data: { state: "booting", bootTokenHash: issued.tokenHash, bootTokenIssuedAt: new Date(), bootId: issued.bootId } });
  return issued;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/api/boot/report`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
const report = (body: object, headers?: Record<string, string>) => post(JSON.stringify(body), headers);

describe("POST /api/boot/report on the node:http front", () => {
  it("answers 202, moves the machine to deploying with its address, and queues one deployment with its events", async () => {
    const { token, bootId } = await serveScript();
    const res = await report({ mac: "52:54:00:BB:01:01", ip: "10.9.1.7", token });
    expect(res.status).toBe(202);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = await res.json();
    expect(body.machine).toMatchObject({ id: machineId, hostname: "lean-01", state: "deploying" });
    expect(body.deployment).toMatchObject({ status: "queued" });
    const m = await db.machine.findUniqueOrThrow({ where: { id: machineId } });
    expect(m).toMatchObject({ state: "deploying", ipv4: "10.9.1.7" });
    expect(m.lastSeenAt).not.toBeNull();
    const d = await db.deployment.findMany({ where: { machineId, bootId } });
    expect(d.map((x) => x.id)).toEqual([body.deployment.id]);
    const events = await db.event.findMany({ where: { machineId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["boot.reported", "deploy.queued"]);
    expect(events[0].payload).toMatchObject({ bootId, ip: "10.9.1.7", sourceIp: "127.0.0.1", ipMismatch: false });
    expect(events[1].payload).toMatchObject({ deploymentId: body.deployment.id, trigger: "report" });

    const again = await report({ mac: "52:54:00:bb:01:01", ip: "10.9.1.7", token });
    expect(again.status).toBe(202);
    expect((await again.json()).deployment.id).toBe(body.deployment.id);
  });

  it("starts one deployment for 20 concurrent reports of one boot", async () => {
    const { token, bootId } = await serveScript();
    const results = await Promise.all(Array.from({ length: 20 }, () => report({ mac: "52:54:00:bb:01:01", ip: "10.9.1.7", token })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(202));
    const ids = new Set(await Promise.all(results.map(async (r) => (await r.json()).deployment.id)));
    expect(ids.size).toBe(1);
    expect(await db.deployment.count({ where: { machineId, bootId } })).toBe(1);
    expect(await db.event.count({ where: { machineId, kind: "deploy.queued", payload: { path: ["deploymentId"], equals: [...ids][0] } } })).toBe(1);
  });

  it("refuses a stale token with 403 and a malformed one with 401, as JSON errors, with an event and no state change", async () => {
    const old = await serveScript();
    await serveScript();
    const before = await db.machine.findUniqueOrThrow({ where: { id: machineId } });
    const rejected = await db.event.count({ where: { machineId, kind: "boot.report_rejected" } });
    const stale = await report({ mac: "52:54:00:bb:01:01", ip: "10.9.1.7", token: old.token });
    expect(stale.status).toBe(403);
    expect((await stale.json()).error).toMatchObject({ code: "forbidden", message: expect.stringContaining("mismatch") });
    const malformed = await report({ mac: "52:54:00:bb:01:01", ip: "10.9.1.7", token: "short" });
    expect(malformed.status).toBe(401);
    expect((await malformed.json()).error.code).toBe("unauthorized");
    expect(await db.machine.findUniqueOrThrow({ where: { id: machineId } })).toEqual(before);
    expect(await db.event.count({ where: { machineId, kind: "boot.report_rejected" } })).toBe(rejected + 2);
  });

  it("answers malformed JSON 400, an invalid body 400 with its fields, an unknown MAC 404, another content type 415", async () => {
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "bad_request", message: "the body is not valid JSON" } });
    const invalid = await report({ mac: "52:54:00:bb:01:01", token: "x" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error).toMatchObject({ code: "validation_failed", details: { fields: [{ path: "ip" }] } });
    expect((await report({ mac: "52:54:00:bb:09:09", ip: "10.9.1.9", token: "x".repeat(43) })).status).toBe(404);
    expect((await post("{}", { "content-type": "text/plain" })).status).toBe(415);
  });

  it("answers a body over 4096 bytes with 413, declared or not", async () => {
    const big = JSON.stringify({ mac: "52:54:00:bb:01:01", ip: "10.9.1.7", token: "x", hostname: "h".repeat(5000) });
    const declared = await post(big);
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("payload_too_large");
    // Chunked, no Content-Length: the limit holds while reading.
    const chunked = await fetch(`${base}/api/boot/report`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("refuses sources outside the allowed boot networks with 403 and an event", async () => {
    process.env.FLEETBOOT_BOOT_NETWORKS = "10.20.0.0/16";
    try {
      const res = await report({ mac: "52:54:00:bb:01:01", ip: "10.9.1.7", token: "x".repeat(43) });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
      expect(await db.event.count({ where: { kind: "boot.source_refused", payload: { path: ["path"], equals: "/api/boot/report" } } })).toBe(1);
    } finally {
      delete process.env.FLEETBOOT_BOOT_NETWORKS;
    }
  });

  it("leaves other paths and methods to the next handler", async () => {
    expect(await (await fetch(`${base}/api/boot/report`)).text()).toBe("next");
    expect(await (await fetch(`${base}/api/health`, { method: "POST" })).text()).toBe("next");
  });
});
