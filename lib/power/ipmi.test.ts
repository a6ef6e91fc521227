import dgram from "node:dgram";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IpmiSimBmc, startIpmiSim } from "@/lib/simulator/ipmi-bmc";
import { requireBinary } from "@/lib/simulator/require-binary";
import type { PowerOutcome, PowerTarget } from "./driver";
import { createIpmiDriver, ipmiSettingsFromEnv } from "./ipmi";

// The IPMI driver through the real ipmitool against Debian's OpenIPMI ipmi_sim on 127.0.0.1.
let bmc: IpmiSimBmc;
const driver = createIpmiDriver(ipmiSettingsFromEnv({}));
const target = (over: Partial<PowerTarget> = {}): PowerTarget => ({ protocol: "ipmi", address: "127.0.0.1", port: bmc.port, username: "admin", password: "s3cret-pw", ...over });

beforeAll(async () => {
  requireBinary("ipmitool", "ipmitool");
  bmc = await startIpmiSim([
    { name: "admin", password: "s3cret-pw", privilege: "admin" },
    { name: "viewer", password: "viewer-pw", privilege: "user" },
  ]);
});
afterAll(() => bmc?.stop());

function failed(outcome: PowerOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.detail}`);
  return outcome;
}

async function chassisAfter(before: number, until: (log: string[]) => boolean): Promise<string[]> {
  for (let i = 0; i < 40; i++) {
    const log = (await bmc.chassisLog()).slice(before);
    if (until(log)) return log;
    await sleep(100);
  }
  return (await bmc.chassisLog()).slice(before);
}

describe("IPMI driver (ipmitool against ipmi_sim)", () => {
  it("reads the chassis power without changing it", async () => {
    await bmc.setPower(false);
    expect(await driver.status!(target())).toEqual({ ok: true, state: "off", detail: expect.stringMatching(/Chassis Power is off/i) });
    await bmc.setPower(true);
    const before = (await bmc.chassisLog()).length;
    expect(await driver.status!(target())).toMatchObject({ ok: true, state: "on" });
    // Reading asks, and sends no chassis control.
    expect((await bmc.chassisLog()).slice(before)).toEqual(["get power"]);
    expect(await driver.status!(target({ password: "wrong-password" }))).toMatchObject({ ok: false, reason: "auth_failed" });
  });

  it("sets PXE as boot device, then power-cycles a running machine", async () => {
    await bmc.setPower(true);
    const before = (await bmc.chassisLog()).length;
    const outcome = await driver.perform(target(), "pxe-cycle");
    expect(outcome).toMatchObject({ ok: true, sent: true, detail: expect.stringContaining("Cycle") });
    // ipmi_sim's cycle is "off now, on a second later".
    const log = await chassisAfter(before, (l) => l.includes("set power 1"));
    const sets = log.filter((l) => l.startsWith("set"));
    expect(sets).toEqual(["set boot pxe", "set power 0", "set power 1"]);
  });

  it("powers on a machine that is off instead of cycling it", async () => {
    await bmc.setPower(false);
    const before = (await bmc.chassisLog()).length;
    expect((await driver.perform(target(), "cycle")).ok).toBe(true);
    expect((await bmc.chassisLog()).slice(before).filter((l) => l.startsWith("set"))).toEqual(["set power 1"]);
  });

  it("reports a wrong password as auth_failed and touches nothing", async () => {
    const before = (await bmc.chassisLog()).length;
    const outcome = failed(await driver.perform(target({ password: "wrong" }), "pxe-cycle"));
    expect(outcome).toMatchObject({ reason: "auth_failed", message: expect.stringContaining("refused the password of admin") });
    expect((await bmc.chassisLog()).slice(before)).toEqual([]);
  });

  it("refuses a user-level account", async () => {
    // ipmi_sim grants any role a known user asks for under ipmitool's default name-only
    // lookup (real BMCs cap it at the account's limit); name+privilege lookup ("+") makes
    // it check the account's privilege, as FLEETBOOT_IPMI_PRIVILEGE=ADMINISTRATOR+ does.
    const strict = createIpmiDriver(ipmiSettingsFromEnv({ FLEETBOOT_IPMI_PRIVILEGE: "ADMINISTRATOR+" }));
    const before = (await bmc.chassisLog()).length;
    const outcome = failed(await strict.perform(target({ username: "viewer", password: "viewer-pw" }), "cycle"));
    expect(outcome).toMatchObject({ reason: "auth_failed", message: expect.stringContaining("no user viewer at the requested privilege level") });
    expect((await bmc.chassisLog()).slice(before).filter((l) => l.startsWith("set"))).toEqual([]);
    expect((await strict.perform(target(), "on")).ok).toBe(true);
  });

  it("fails against a dead BMC within seconds", async () => {
    const socket = dgram.createSocket("udp4");
    await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
    const port = socket.address().port;
    socket.close();
    const started = Date.now();
    const outcome = failed(await driver.perform(target({ port }), "pxe-cycle"));
    expect(outcome).toMatchObject({ reason: "unreachable", message: expect.stringContaining(`127.0.0.1:${port}`) });
    expect(Date.now() - started).toBeLessThan(6_000);
  });
});
