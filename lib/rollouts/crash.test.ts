import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { stopBoss } from "@/lib/jobs/boss";
import { createMachine } from "@/lib/machines/mutations";
import { machineCreateSchema } from "@/lib/machines/schema";
import { SimulatedFleet } from "@/lib/simulator/fleet";
import { startBootServer } from "@/lib/testing/boot-server";
import { useTestDatabase } from "@/lib/testing/db";
import { until } from "@/lib/testing/until";
import { kill9, spawnWorker, type WorkerProcess } from "@/lib/testing/worker-process";
import { commandRollout, createRollout } from "./mutations";
import { createRolloutSchema } from "./schema";

// The scheduler and the deploy workers run in a real `npm run worker` process that is
// killed with SIGKILL at random points of a rollout and started again, over and over.
// Whatever the console's database says, the simulated BMC's log must show no machine
// reset twice for its step, and the rollout must settle: succeeded, or failed / paused
// with a reason. The boot endpoints run in this process, so machines keep booting and
// reporting while the worker is dead. Kill points come from a seeded RNG: a failure
// names its seed and replays the same schedule.

const { url } = useTestDatabase();
const SECRET = "77".repeat(32);
process.env.FLEETBOOT_SECRET_KEY = SECRET;
process.env.FLEETBOOT_BOOT_RATE_PER_SECOND = "100000";

const MACHINES = 16;
/** How long each rollout is crashed at random; then the last worker is left to finish it. */
const CRASH_MS = 12_000;

let server: Awaited<ReturnType<typeof startBootServer>>;
let fleet: SimulatedFleet;
let worker: WorkerProcess | undefined;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function restartWorker(): Promise<void> {
  worker = spawnWorker({ DATABASE_URL: url(), FLEETBOOT_SECRET_KEY: SECRET, FLEETBOOT_DEPLOY_CONCURRENCY: "8" });
  if (!(await worker.ready)) throw new Error(`the worker exited at start:\n${worker.lines.join("\n")}`);
}

const settledStates = ["succeeded", "failed", "paused", "cancelled"];
async function settled(id: string) {
  const r = await db.rollout.findUniqueOrThrow({ where: { id } });
  return settledStates.includes(r.state) ? r : null;
}

const notReady = () => db.machine.findMany({ where: { role: { name: "web" }, state: { not: "ready" } }, select: { hostname: true } });

beforeAll(async () => {
  server = await startBootServer();
  fleet = await SimulatedFleet.start({ consoleUrl: server.url, count: MACHINES, racks: 4, bootSeconds: 1, prefix: "kc" });
  await db.mirror.create({ data: { name: "m1", baseUrl: "http://127.0.0.1:9/images" } });
  const image = await db.image.create({ data: { name: "sim" } });
  const v1 = await db.imageVersion.create({ data: { imageId: image.id, version: "1", kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs", status: "stable" } });
  for (const v of ["2", "3", "4"]) await db.imageVersion.create({ data: { imageId: image.id, version: v, kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs" } });
  await db.role.create({ data: { name: "web", deployCommand: ["true"], desiredVersionId: v1.id } });
  await db.subnet.create({ data: fleet.subnet });
  for (const s of fleet.specs) {
    await createMachine(machineCreateSchema.parse({ hostname: s.hostname, macs: [s.mac], ipv4: s.ip, rack: s.rack, role: "web", bmc: fleet.bmcSettings(s) }), "test");
  }
  await restartWorker();
  fleet.powerOnAll();
  await until("every machine ready", async () => (await notReady()).length === 0, 60_000);
  // A BMC that takes its time to reset widens the window between a step's intent and its
  // result, where a kill leaves a step whose power action may or may not have been sent.
  fleet.bmc.setFault("*", { kind: "delay", ms: 500, match: /ComputerSystem\.Reset/ });
}, 120_000);

afterAll(async () => {
  if (worker) await kill9(worker.child);
  await fleet?.stop();
  await server?.stop();
  await stopBoss();
});

describe("kill -9 of the worker during a rollout", () => {
  const seeds = [1, 2, 3];
  for (const [i, seed] of seeds.entries()) {
    it(`seed ${seed}: settles with a reason, and no machine is reset twice for its step`, async () => {
      const rng = mulberry32(seed);
      const since = Date.now();
      const created = await createRollout(
        createRolloutSchema.parse({ selector: { role: "web" }, imageVersion: `sim:${i + 2}`, batchSize: 4, healthTimeoutSeconds: 30, failureThreshold: 3 }),
        { name: "test" },
      );
      const crashUntil = Date.now() + CRASH_MS;
      let kills = 0;
      while (Date.now() < crashUntil && !(await settled(created.id))) {
        await sleep(300 + rng() * 2700);
        await kill9(worker!.child);
        kills++;
        if (rng() < 0.5) await sleep(rng() * 1500);
        await restartWorker();
      }
      const done = await until(`rollout (seed ${seed}) to settle`, () => settled(created.id), 60_000);
      const steps = await db.rolloutStep.findMany({ where: { rolloutId: created.id }, include: { machine: { select: { hostname: true } } } });
      const resets = fleet.resets(since);
      const orphans = await db.event.count({ where: { rolloutId: created.id, kind: "rollout.step", payload: { path: ["note"], string_contains: "the console stopped before" } } });
      const reruns = await db.event.count({ where: { kind: "deploy.started", createdAt: { gte: new Date(since) }, payload: { path: ["retry"], not: Prisma.AnyNull } } });
      const byState = new Map<string, number>();
      for (const s of steps) byState.set(s.state, (byState.get(s.state) ?? 0) + 1);
      console.log(`seed ${seed}: ${kills} kills, ${orphans} steps left powering by a dead worker, ${reruns} deployments run again; ${done.state}${done.stateReason ? ` (${done.stateReason})` : ""}; steps ${[...byState].map(([k, n]) => `${k} ${n}`).join(", ")}; ${(Date.now() - since) / 1000} s`);
      for (const s of steps.filter((x) => x.state === "failed")) console.log(`  ${s.machine.hostname}: ${s.error} (${s.note}); method ${s.method}, powered ${s.poweredAt?.toISOString() ?? "-"}, intent ${s.intentAt?.toISOString()}`);

      expect(["succeeded", "failed", "paused"]).toContain(done.state);
      if (done.state !== "succeeded") expect(done.stateReason).toBeTruthy();
      expect([...resets.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      for (const s of steps.filter((x) => x.state === "healthy")) expect(resets.get(s.machine.hostname), s.machine.hostname).toBe(1);
      // Nothing outside the rollout was reset.
      const names = new Set(steps.map((s) => s.machine.hostname));
      expect([...resets.keys()].filter((k) => !names.has(k))).toEqual([]);

      // Ready for the next seed: free the machines and bring back any that did not come back.
      if (done.state === "paused") await commandRollout(created.id, "cancel", { name: "test" });
      for (const { hostname } of await notReady()) fleet.machine(hostname).powerCycle();
      await until("every machine ready again", async () => (await notReady()).length === 0, 60_000);
    }, 150_000);
  }

  it("leaves no deployment queued or running: one whose worker was killed runs again elsewhere", async () => {
    await until("every deployment to finish", async () => (await db.deployment.count({ where: { status: { in: ["queued", "running"] } } })) === 0, 60_000);
    expect(await db.deployment.count({ where: { status: "failed" } })).toBe(0);
  }, 70_000);
});
