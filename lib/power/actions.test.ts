import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/machines/[id]/power/route";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { createMachine } from "@/lib/machines/mutations";
import { machineCreateSchema } from "@/lib/machines/schema";
import { recordPowerAction } from "@/lib/power/mutations";
import { RedfishBmcSimulator } from "@/lib/simulator/redfish-bmc";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "33".repeat(32);

const PASSWORD = "bmc-Secret-77";
const bmc = new RedfishBmcSimulator();
const tokens: Record<string, string> = {};

async function machine(hostname: string, mac: string, bmcSettings?: { port?: number; password?: string }) {
  const input = machineCreateSchema.parse({
    hostname,
    macs: [mac],
    ...(bmcSettings ? { bmc: { type: "redfish", address: "127.0.0.1", port: bmcSettings.port ?? bmc.port, username: `u-${hostname}`, password: bmcSettings.password ?? PASSWORD } } : {}),
  });
  bmc.addSystem({ id: `sys-${hostname}`, username: `u-${hostname}`, password: PASSWORD });
  return createMachine(input, "test");
}

const power = (ref: string, body: unknown, token: string | null) => POST(apiRequest(`/api/machines/${ref}/power`, { method: "POST", body, token }), params({ id: ref }));

beforeAll(async () => {
  await bmc.start();
  for (const role of ["viewer", "operator"] as const) {
    const user = await createUser({ email: `${role}@power.test`, role, password: "a-long-password-1" }, "test");
    tokens[role] = (await createApiToken({ name: role, role }, { userId: user.id, role, name: user.email })).secret;
  }
  await machine("node-a", "52:54:00:00:0a:01", {});
  await machine("node-bad", "52:54:00:00:0a:02", { password: "not-the-bmc-password" });
  await machine("node-none", "52:54:00:00:0a:03");
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
  const port = (closed.address() as net.AddressInfo).port;
  await new Promise((r) => closed.close(r));
  await machine("node-down", "52:54:00:00:0a:04", { port });
});
afterAll(() => bmc.stop());

describe("POST /api/machines/:id/power", () => {
  it("refuses anonymous callers and viewers", async () => {
    expect((await power("node-a", { action: "cycle" }, null)).status).toBe(401);
    expect((await power("node-a", { action: "cycle" }, tokens.viewer)).status).toBe(403);
    expect(bmc.log.filter((e) => e.action === "reset")).toEqual([]);
  });

  it("validates the action", async () => {
    const res = await power("node-a", { action: "reboot-hard" }, tokens.operator);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/action must be one of cycle, on, off, pxe-cycle/);
  });

  it("power-cycles into PXE for an operator, recording an event and an audit entry, never the password", async () => {
    const res = await power("node-a", { action: "pxe-cycle" }, tokens.operator);
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, sent: true, protocol: "redfish", action: "pxe-cycle", machine: { hostname: "node-a" } });
    expect(bmc.log.filter((e) => e.systemId === "sys-node-a").map((e) => e.action)).toEqual(["session-create", "boot-override", "reset", "session-delete"]);

    const row = await db.machine.findUniqueOrThrow({ where: { hostname: "node-a" } });
    expect(row).toMatchObject({ state: "rebooting", bmcSystemId: "/redfish/v1/Systems/sys-node-a" });
    const event = await db.event.findFirstOrThrow({ where: { id: BigInt(body.eventId) } });
    expect(event).toMatchObject({ kind: "power.action", machineId: row.id, payload: { protocol: "redfish", action: "pxe-cycle", outcome: "ok", reason: null } });
    expect((event.payload as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "machine.power", targetId: row.id } });
    expect(audit).toMatchObject({ actor: expect.stringContaining("operator@power.test"), changes: { outcome: "ok", eventId: body.eventId } });
    expect(JSON.stringify([event, audit, body], (_k, v) => (typeof v === "bigint" ? v.toString() : v))).not.toContain(PASSWORD);
  });

  it("uses the stored system id the second time", async () => {
    const res = await power("node-a", { action: "cycle" }, ADMIN_TOKEN);
    expect(res.status).toBe(202);
    const event = await db.event.findFirstOrThrow({ where: { id: BigInt((await res.json()).eventId) } });
    expect((event.payload as { steps: string[] }).steps).not.toContain("GET /redfish/v1/Systems → 200");
  });

  it("answers 422 with a clear message for a machine without a BMC", async () => {
    const res = await power("node-none", { action: "cycle" }, tokens.operator);
    expect(res.status).toBe(422);
    expect((await res.json()).error.message).toMatch(/node-none has no BMC configured/);
  });

  it("records a refused password as a failed action and answers 422 with the reason", async () => {
    const res = await power("node-bad", { action: "cycle" }, tokens.operator);
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.details).toMatchObject({ reason: "auth_failed" });
    expect(error.message).toMatch(/refused the user name or password/);
    const event = await db.event.findFirstOrThrow({ where: { id: BigInt(error.details.eventId) } });
    expect(event.payload).toMatchObject({ outcome: "failed", reason: "auth_failed" });
    expect(JSON.stringify(event.payload)).not.toContain("not-the-bmc-password");
    expect((await db.machine.findUniqueOrThrow({ where: { hostname: "node-bad" } })).state).toBe("new");
  });

  it("answers 503 when the BMC cannot be reached", async () => {
    const res = await power("node-down", { action: "pxe-cycle" }, tokens.operator);
    expect(res.status).toBe(503);
    expect((await res.json()).error.details).toMatchObject({ reason: "unreachable" });
    expect(await db.auditEntry.count({ where: { action: "machine.power", changes: { path: ["reason"], equals: "unreachable" } } })).toBe(1);
  });

  it("answers 404 for an unknown machine", async () => {
    expect((await power("node-nope", { action: "cycle" }, tokens.operator)).status).toBe(404);
  });

  it("does not set a machine back to rebooting when it already fetched its next boot script", async () => {
    // A fast BMC: the machine asks for its script before the console has written the action's result.
    const machine = await db.machine.findUniqueOrThrow({ where: { hostname: "node-a" } });
    await db.machine.update({ where: { id: machine.id }, data: { state: "booting", bootId: "boot-after-the-reset" } });
    await recordPowerAction({ machine: { ...machine, bootId: "boot-before-the-reset" }, protocol: "redfish", action: "pxe-cycle", outcome: { ok: true, sent: true, detail: "reset", steps: [] }, durationMs: 1, actor: "test" });
    expect((await db.machine.findUniqueOrThrow({ where: { id: machine.id } })).state).toBe("booting");
    await recordPowerAction({ machine: { ...machine, bootId: "boot-after-the-reset" }, protocol: "redfish", action: "pxe-cycle", outcome: { ok: true, sent: true, detail: "reset", steps: [] }, durationMs: 1, actor: "test" });
    expect((await db.machine.findUniqueOrThrow({ where: { id: machine.id } })).state).toBe("rebooting");
  });
});

describe("GET /api/machines/:id/power", () => {
  const read = (ref: string, token: string | null) => GET(apiRequest(`/api/machines/${ref}/power`, { token }), params({ id: ref }));

  it("says whether the machine is on, as its BMC does now, to any reader, and records nothing", async () => {
    const events = await db.event.count();
    const on = await read("node-a", tokens.viewer);
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({ machine: { hostname: "node-a" }, protocol: "redfish", state: "on", detail: "PowerState On" });
    expect((await power("node-a", { action: "off" }, tokens.operator)).status).toBe(202);
    expect(await (await read("node-a", tokens.viewer)).json()).toMatchObject({ state: "off", detail: "PowerState Off" });
    expect((await power("node-a", { action: "on" }, tokens.operator)).status).toBe(202);
    expect(await db.event.count()).toBe(events + 2);
  });

  it("says why it could not tell", async () => {
    const bad = await read("node-bad", tokens.viewer);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.message).toMatch(/^reading the power of node-bad over redfish failed: /);
    expect((await read("node-down", tokens.viewer)).status).toBe(503);
    expect((await read("node-a", null)).status).toBe(401);
  });
});
