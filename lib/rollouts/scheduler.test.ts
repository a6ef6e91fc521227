import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startWorkers, stopWorkers } from "@/lib/jobs/workers";
import { createMachine } from "@/lib/machines/mutations";
import { machineCreateSchema } from "@/lib/machines/schema";
import { SimulatedFleet } from "@/lib/simulator/fleet";
import { startBootServer } from "@/lib/testing/boot-server";
import { ADMIN_TOKEN, useTestDatabase } from "@/lib/testing/db";
import { until } from "@/lib/testing/until";
import { POST as resume } from "@/app/api/rollouts/[id]/resume/route";
import { commandRollout, createRollout } from "./mutations";
import { getRolloutSummary } from "./queries";
import { createRolloutSchema } from "./schema";

// Rolling reboots end to end: 20 simulated machines in 4 racks behind a simulated Redfish
// BMC, booting from the console's real boot endpoints, reporting in, deployed by the real
// job queue; the scheduler as the console runs it. What went down when is read from the
// BMC's log and the machines' reports, not from the console's own database.

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "44".repeat(32);
process.env.FLEETBOOT_BOOT_RATE_PER_SECOND = "100000";

let server: Awaited<ReturnType<typeof startBootServer>>;
let fleet: SimulatedFleet;

const allReady = (role: string) =>
  until(`every ${role} machine ready`, async () => (await db.machine.count({ where: { role: { name: role }, state: { not: "ready" } } })) === 0 && (await db.machine.count({ where: { role: { name: role } } })) > 0, 60_000);

async function finished(id: string, states = ["succeeded", "failed", "paused", "cancelled"], ms = 90_000) {
  return until(`rollout ${id} to settle`, async () => {
    const r = await db.rollout.findUniqueOrThrow({ where: { id } });
    return states.includes(r.state) ? r : null;
  }, ms);
}

beforeAll(async () => {
  server = await startBootServer();
  fleet = await SimulatedFleet.start({ consoleUrl: server.url, count: 24, racks: 4, bootSeconds: 1, prefix: "rs" });
  await db.mirror.create({ data: { name: "m1", baseUrl: "http://127.0.0.1:9/images" } });
  const image = await db.image.create({ data: { name: "sim" } });
  const v1 = await db.imageVersion.create({ data: { imageId: image.id, version: "1", kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs", status: "stable" } });
  await db.imageVersion.create({ data: { imageId: image.id, version: "2", kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs" } });
  await db.role.create({ data: { name: "web", deployCommand: ["true"], desiredVersionId: v1.id } });
  await db.role.create({ data: { name: "hang", deployCommand: ["true"], desiredVersionId: v1.id } });
  await db.subnet.create({ data: fleet.subnet });
  for (const [i, s] of fleet.specs.entries()) {
    const role = i < 20 ? "web" : "hang";
    await createMachine(machineCreateSchema.parse({ hostname: s.hostname, macs: [s.mac], ipv4: s.ip, rack: s.rack, role, bmc: fleet.bmcSettings(s) }), "test");
  }
  await startWorkers(() => undefined);
  fleet.powerOnAll();
  await allReady("web");
  await allReady("hang");
}, 120_000);

afterAll(async () => {
  await stopWorkers();
  await fleet?.stop();
  await server?.stop();
});

describe("a rolling reboot", () => {
  it("reboots 20 machines onto the new version: at most 4 down and 1 per rack at any time, one power action each", async () => {
    const since = Date.now();
    const created = await createRollout(
      createRolloutSchema.parse({ selector: { role: "web" }, imageVersion: "sim:2", batchSize: 5, maxUnavailable: 4, perRack: 1, healthTimeoutSeconds: 60 }),
      { name: "test" },
    );
    expect(created.plan!.batches.map((b) => b.length)).toEqual([4, 4, 4, 4, 4]);
    const done = await finished(created.id);
    expect(done.state, done.stateReason ?? "").toBe("succeeded");

    const resets = fleet.resets(since);
    const web = fleet.specs.slice(0, 20).map((s) => s.systemId);
    expect([...resets.keys()].sort()).toEqual(web);
    expect([...resets.values()].every((n) => n === 1)).toBe(true);
    expect(fleet.maxDown(since)).toEqual({ overall: 4, perRack: 1 });

    const v2 = await db.imageVersion.findFirstOrThrow({ where: { version: "2" } });
    expect(await db.machine.count({ where: { role: { name: "web" }, bootedVersionId: v2.id, state: "ready" } })).toBe(20);
    expect((await db.role.findUniqueOrThrow({ where: { name: "web" } })).desiredVersionId).toBe(v2.id);
    const steps = await db.rolloutStep.findMany({ where: { rolloutId: created.id } });
    expect(steps.every((s) => s.state === "healthy" && !s.active && s.method === "redfish" && s.poweredAt && s.intentAt! <= s.poweredAt)).toBe(true);
    expect(await db.event.count({ where: { rolloutId: created.id, kind: "power.action" } })).toBe(20);
  }, 120_000);

  it("pauses after the failure threshold when a machine never comes back, starts nothing more, and retries it when told to", async () => {
    const [first] = fleet.specs.slice(20);
    fleet.machine(first.hostname).hangOnBoot = true;
    const since = Date.now();
    const created = await createRollout(
      createRolloutSchema.parse({ selector: { role: "hang" }, batchSize: 1, healthTimeoutSeconds: 10, failureThreshold: 1 }),
      { name: "test" },
    );
    const paused = await finished(created.id, ["paused", "succeeded", "failed"], 60_000);
    expect(paused.state).toBe("paused");
    expect(paused.stateReason).toContain(first.hostname);
    expect(paused.stateReason).toMatch(/1 machine failed \(threshold 1\)/);
    // A finished batch gives a mean time per batch, but no "time left" is promised while paused.
    const summary = await getRolloutSummary(created.id);
    expect(summary?.batches.some((b) => b.finishedAt)).toBe(true);
    expect(summary?.remainingSeconds).toBeNull();
    const step = await db.rolloutStep.findFirstOrThrow({ where: { rolloutId: created.id, machine: { hostname: first.hostname } } });
    expect(step).toMatchObject({ state: "failed" });
    expect(step.error).toMatch(/did not report in|did not boot/);
    // Never skips ahead: only the failed machine was reset.
    await new Promise((r) => setTimeout(r, 2000));
    expect([...fleet.resets(since).keys()]).toEqual([first.systemId]);

    // The operator fixes the machine and resumes with a retry: it gets one more power action and the rollout finishes.
    fleet.machine(first.hostname).hangOnBoot = false;
    const res = await resume(new Request(`http://console.test/api/rollouts/${created.id}/resume`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" }, body: JSON.stringify({ retryFailed: true }) }), { params: Promise.resolve({ id: created.id }) });
    expect(await res.json()).toMatchObject({ state: "running", changed: true, retried: 1 });
    const done = await finished(created.id, ["succeeded", "failed"], 60_000);
    expect(done.state, done.stateReason ?? "").toBe("succeeded");
    const resets = fleet.resets(since);
    expect(resets.get(first.systemId)).toBe(2);
    expect([...resets.entries()].filter(([id]) => id !== first.systemId).every(([, n]) => n === 1)).toBe(true);
    expect(resets.size).toBe(4);
    expect(await commandRollout(created.id, "cancel", { name: "test" }).catch((e: Error) => e.message)).toMatch(/already succeeded/);
  }, 90_000);
});
