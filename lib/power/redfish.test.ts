import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { requireBinary } from "@/lib/simulator/require-binary";
import { RedfishBmcSimulator } from "@/lib/simulator/redfish-bmc";
import type { PowerOutcome, PowerTarget } from "./driver";
import { createRedfishDriver, redfishDriver } from "./redfish";

// The Redfish driver against the simulated BMC over real HTTP on 127.0.0.1.
const bmc = new RedfishBmcSimulator({ onPowerCycle: (id, info) => booted.push({ id, target: info.bootTarget }) });
const booted: { id: string; target: string }[] = [];
let n = 0;

beforeAll(() => bmc.start());
afterAll(() => bmc.stop());
afterEach(() => bmc.setFault("*", null));

function machine(opts: { powerState?: "On" | "Off"; resetTypes?: string[] } = {}) {
  const id = `node-${++n}`;
  const system = bmc.addSystem({ id, username: `admin${n}`, password: `pw-${n}`, ...opts });
  const target: PowerTarget = { protocol: "redfish", address: "127.0.0.1", port: bmc.port, username: system.username, password: system.password, tls: "plain" };
  return { id, system, target, actions: () => bmc.log.filter((e) => e.systemId === id).map((e) => e.action) };
}

function failed(outcome: PowerOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.detail}`);
  return outcome;
}

describe("Redfish driver", () => {
  it("discovers the system, sets PXE once, resets, and deletes its session", async () => {
    const m = machine();
    const outcome = await redfishDriver.perform(m.target, "pxe-cycle");
    expect(outcome).toMatchObject({ ok: true, sent: true, systemId: `/redfish/v1/Systems/${m.id}` });
    expect(m.actions()).toEqual(["session-create", "boot-override", "reset", "session-delete"]);
    expect(bmc.log.find((e) => e.systemId === m.id && e.action === "reset")).toMatchObject({ resetType: "ForceRestart" });
    // The one-time override was used by this boot and is gone afterwards.
    expect(booted).toContainEqual({ id: m.id, target: "Pxe" });
    expect(m.system.bootEnabled).toBe("Disabled");
    expect(bmc.openSessions).toBe(0);
  });

  it("sends one action's requests over one connection and closes it afterwards", async () => {
    const m = machine();
    const before = bmc.connections;
    expect(await redfishDriver.perform(m.target, "pxe-cycle")).toMatchObject({ ok: true, sent: true });
    // Log in, list the systems, read ours, boot override, reset, log out: one connection.
    expect(bmc.log.filter((e) => e.systemId === m.id)).toHaveLength(4);
    expect(bmc.connections - before).toBe(1);
    for (let i = 0; i < 50 && (await bmc.openConnections()) > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(await bmc.openConnections()).toBe(0);
  });

  // A BMC whose first connection is reset when its second request arrives on it.
  async function flakyBmc() {
    let accepted = 0;
    const requests: string[] = [];
    const server = net.createServer((socket) => {
      const n = ++accepted;
      let answered = 0;
      socket.on("data", (chunk) => {
        const line = chunk.toString("latin1").split("\r\n")[0];
        requests.push(line);
        if (n === 1 && answered === 1) return void socket.resetAndDestroy();
        answered++;
        const [method, url] = line.split(" ");
        const body = method === "GET" ? JSON.stringify({ "@odata.id": url, PowerState: "On", Actions: { "#ComputerSystem.Reset": { target: `${url}/Actions/ComputerSystem.Reset`, "ResetType@Redfish.AllowableValues": ["ForceRestart"] } } }) : "";
        socket.write(`HTTP/1.1 ${body ? 200 : 204} OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    const target: PowerTarget = { protocol: "redfish", address: "127.0.0.1", port, username: "u", password: "p", tls: "plain", systemId: "/redfish/v1/Systems/x" };
    return { target, requests, accepted: () => accepted, close: () => server.close() };
  }

  it("sends an idempotent request again on a new connection when the BMC drops the kept-alive one under it", async () => {
    const bmc = await flakyBmc();
    try {
      const outcome = await createRedfishDriver("basic").perform(bmc.target, "pxe-cycle");
      expect(outcome).toMatchObject({ ok: true, sent: true });
      // The boot override met the dropped connection and went again; the reset went once.
      expect(bmc.requests.map((r) => r.split(" ")[0])).toEqual(["GET", "PATCH", "PATCH", "POST"]);
      expect(bmc.accepted()).toBe(2);
    } finally {
      bmc.close();
    }
  });

  it("never sends a reset twice, and calls a reset without an answer uncertain", async () => {
    const bmc = await flakyBmc();
    try {
      const outcome = failed(await createRedfishDriver("basic").perform(bmc.target, "cycle"));
      // Uncertain like a timeout: a rollout then waits for a new boot instead of trying SSH.
      expect(outcome.reason).toBe("timeout");
      expect(outcome.message).toMatch(/closed the connection without an answer; whether the reset happened is unknown/);
      expect(bmc.requests.filter((r) => r.startsWith("POST"))).toHaveLength(1);
    } finally {
      bmc.close();
    }
  });

  it("uses a known system id without listing the systems", async () => {
    const m = machine();
    const outcome = await redfishDriver.perform({ ...m.target, systemId: m.system.odataId }, "cycle");
    expect(outcome.ok).toBe(true);
    expect(outcome.systemId).toBeUndefined();
    expect(outcome.steps.some((s) => s.startsWith("GET /redfish/v1/Systems →"))).toBe(false);
  });

  it("falls back to PowerCycle when ForceRestart is not offered, and powers on a system that is off", async () => {
    const restartless = machine({ resetTypes: ["On", "ForceOff", "PowerCycle"] });
    await redfishDriver.perform(restartless.target, "cycle");
    const off = machine({ powerState: "Off" });
    expect(await redfishDriver.perform(off.target, "pxe-cycle")).toMatchObject({ ok: true, sent: true });
    const resets = bmc.log.filter((e) => e.action === "reset" && [restartless.id, off.id].includes(e.systemId)).map((e) => e.resetType);
    expect(resets).toEqual(["PowerCycle", "On"]);
    expect(booted).toContainEqual({ id: off.id, target: "Pxe" });
  });

  it("sends nothing for 'on' when the system is on", async () => {
    const m = machine();
    expect(await redfishDriver.perform(m.target, "on")).toMatchObject({ ok: true, sent: false });
    expect(m.actions()).not.toContain("reset");
  });

  it("works with basic auth, opening no session", async () => {
    const m = machine();
    expect((await createRedfishDriver("basic").perform(m.target, "pxe-cycle")).ok).toBe(true);
    expect(m.actions()).toEqual(["boot-override", "reset"]);
  });

  it("reports a wrong password as auth_failed, with sessions and with basic auth", async () => {
    const m = machine();
    const wrong = { ...m.target, password: "nope" };
    expect(failed(await redfishDriver.perform(wrong, "cycle"))).toMatchObject({ reason: "auth_failed", message: expect.stringContaining("401") });
    expect(failed(await createRedfishDriver("basic").perform(wrong, "cycle")).reason).toBe("auth_failed");
    expect(m.actions()).toEqual([]);
  });

  it("reports the BMC's own message on a 5xx, and still deletes the session", async () => {
    const m = machine();
    bmc.setFault(m.id, { kind: "status", status: 503, message: "The BMC is updating its firmware.", match: /ComputerSystem\.Reset/ });
    const outcome = failed(await redfishDriver.perform(m.target, "cycle"));
    expect(outcome.reason).toBe("bmc_error");
    expect(outcome.message).toMatch(/HTTP 503: The BMC is updating its firmware\./);
    expect(outcome.systemId).toBe(m.system.odataId);
    expect(outcome.steps.at(-1)).toMatch(/^DELETE \/redfish\/v1\/SessionService\/Sessions\/\w+ → 204$/);
    expect(bmc.openSessions).toBe(0);
    bmc.setFault(m.id, null);
  });

  it("times out on a slow BMC within the per-request bound", async () => {
    const m = machine();
    bmc.setFault(m.id, { kind: "delay", ms: 2_000 });
    const started = Date.now();
    const outcome = failed(await redfishDriver.perform(m.target, "cycle", { timeoutMs: 300 }));
    expect(outcome).toMatchObject({ reason: "timeout", message: expect.stringContaining("did not answer within 300 ms") });
    expect(Date.now() - started).toBeLessThan(1_500);
    bmc.setFault(m.id, null);
  });

  it("reports a hung BMC as a timeout and a dropped connection as a BMC error", async () => {
    const m = machine();
    bmc.setFault(m.id, { kind: "hang" });
    expect(failed(await redfishDriver.perform(m.target, "cycle", { timeoutMs: 300 })).reason).toBe("timeout");
    bmc.setFault(m.id, { kind: "drop" });
    expect(failed(await redfishDriver.perform(m.target, "cycle")).message).toMatch(/closed the connection without an answer/);
    bmc.setFault(m.id, null);
  });

  it("reports a closed port as unreachable", async () => {
    const port = await freePort();
    const outcome = failed(await redfishDriver.perform({ ...machine().target, port }, "cycle"));
    expect(outcome).toMatchObject({ reason: "unreachable", message: expect.stringContaining("connection refused") });
  });

  it("refuses a plain-HTTP BMC when TLS is expected", async () => {
    const outcome = failed(await redfishDriver.perform({ ...machine().target, tls: "verify" }, "cycle"));
    expect(outcome.reason).toBe("tls");
  });

  it("rediscovers when the stored system id went stale", async () => {
    const m = machine();
    const outcome = await redfishDriver.perform({ ...m.target, systemId: "/redfish/v1/Systems/gone" }, "cycle");
    expect(outcome).toMatchObject({ ok: true, systemId: m.system.odataId });
  });
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

describe("Redfish driver over HTTPS", () => {
  let secure: RedfishBmcSimulator;
  let dir: string;
  beforeAll(async () => {
    requireBinary("openssl", "openssl");
    dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-tls-"));
    // A self-signed certificate, as BMCs ship them.
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1", "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    secure = new RedfishBmcSimulator({ tls: { key: await readFile(path.join(dir, "key.pem")), cert: await readFile(path.join(dir, "cert.pem")) } });
    await secure.start();
    secure.addSystem({ id: "tls-1", username: "root", password: "calvin" });
  });
  afterAll(async () => {
    await secure?.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const target = (tls: PowerTarget["tls"]): PowerTarget => ({ protocol: "redfish", address: "127.0.0.1", port: secure.port, username: "root", password: "calvin", tls });

  it("refuses a self-signed certificate while verification is on", async () => {
    const outcome = failed(await redfishDriver.perform(target("verify"), "cycle"));
    expect(outcome).toMatchObject({ reason: "tls", message: expect.stringContaining("turn off certificate verification") });
    expect(secure.log).toEqual([]);
  });

  it("accepts it when verification is off for this BMC", async () => {
    expect((await redfishDriver.perform(target("insecure"), "pxe-cycle")).ok).toBe(true);
    expect(secure.log.map((e) => e.action)).toEqual(["session-create", "boot-override", "reset", "session-delete"]);
  });
});
