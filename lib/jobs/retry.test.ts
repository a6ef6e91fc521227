import type { ChildProcess } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { claimDeployment, finishDeployment, queueDeployment, saveOutput } from "@/lib/deploy/mutations";
import { useTestDatabase } from "@/lib/testing/db";
import { until } from "@/lib/testing/until";
import { kill9, spawnWorker } from "@/lib/testing/worker-process";
import { DEPLOY_DEAD_QUEUE, DEPLOY_QUEUE, getBoss, stopBoss } from "./boss";

// A deploy worker killed with SIGKILL in the middle of a deployment: another worker
// process must run it again within about a minute, and the machine must end ready or
// failed, never stuck in `deploying`. The workers are real `npm run worker` processes.

const { url } = useTestDatabase();
const SECRET = "55".repeat(32);
const workers: ChildProcess[] = [];

function startWorker(): ChildProcess {
  const { child } = spawnWorker({ DATABASE_URL: url(), FLEETBOOT_SECRET_KEY: SECRET, FLEETBOOT_DEPLOY_CONCURRENCY: "2", FLEETBOOT_DEPLOY_TIMEOUT_SECONDS: "300" });
  workers.push(child);
  return child;
}

afterAll(async () => {
  await Promise.all(workers.map(kill9));
  await stopBoss();
});

let machines = 0;
async function machine(name: string, deployCommand: string[]) {
  machines++;
  const role = await db.role.create({ data: { name, deployCommand } });
  return db.machine.create({ data: { hostname: `${name}-01`, roleId: role.id, ipv4: `127.0.9.${machines}`, state: "deploying" } });
}

describe("a deploy worker killed mid-deployment", () => {
  it("is noticed by its missing heartbeat: another worker runs the deployment again and the machine ends ready", async () => {
    // The first attempt would take 40 s; the role's command is changed while it runs, so
    // the attempt that finishes is visibly a second run, not the first one completing.
    const m = await machine("slow", ["sh", "-c", "echo first; sleep 40"]);
    const d = await db.$transaction((tx) => queueDeployment(tx, { machineId: m.id, trigger: "manual" }));
    const first = startWorker();
    await until("the first worker to start the deployment", async () => (await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).status === "running", 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    await kill9(first);
    const killedAt = Date.now();
    await db.role.update({ where: { name: "slow" }, data: { deployCommand: ["sh", "-c", "echo second"] } });

    startWorker();
    const done = await until("the deployment to finish", async () => {
      const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
      return row.status === "succeeded" || row.status === "failed" ? row : null;
    }, 75_000);
    const seconds = (Date.now() - killedAt) / 1000;
    expect(done.status).toBe("succeeded");
    expect(done.command).toEqual(["sh", "-c", "echo second"]);
    expect(done.output).toContain("second");
    expect(seconds).toBeLessThan(60);
    expect((await db.machine.findUniqueOrThrow({ where: { id: m.id } })).state).toBe("ready");
    const started = await db.event.count({ where: { machineId: m.id, kind: "deploy.started" } });
    expect(started).toBe(2);
    console.log(`deployment re-run ${seconds.toFixed(1)} s after its worker was killed`);
  }, 120_000);

  it("when every attempt's worker died, the deployment and the machine end failed with the reason", async () => {
    const m = await machine("gone", ["true"]);
    // What pg-boss does once the last retry's worker died too: the job moves to the dead
    // letter queue, and the deployment is still `running` as the dead worker left it.
    const d = await db.deployment.create({ data: { machineId: m.id, trigger: "manual", status: "running", startedAt: new Date(), output: "half" } });
    const boss = await getBoss();
    expect(await boss.getQueue(DEPLOY_QUEUE)).toMatchObject({ heartbeatSeconds: 15, deadLetter: DEPLOY_DEAD_QUEUE });
    await boss.send(DEPLOY_DEAD_QUEUE, { deploymentId: d.id });
    const done = await until("the deployment to be given up", async () => {
      const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
      return row.status === "failed" ? row : null;
    }, 30_000);
    expect(done.output).toMatch(/worker .* stopped/);
    expect((await db.machine.findUniqueOrThrow({ where: { id: m.id } })).state).toBe("failed");
    const event = await db.event.findFirstOrThrow({ where: { machineId: m.id, kind: "deploy.failed" } });
    expect(JSON.stringify(event.payload)).toMatch(/stopped/);
  }, 60_000);

  it("an attempt that was taken over cannot write over the attempt that replaced it", async () => {
    const m = await machine("fenced", ["true"]);
    const d = await db.deployment.create({ data: { machineId: m.id, trigger: "manual" } });
    const old = (await claimDeployment(d.id, ["old"]))!;
    await new Promise((r) => setTimeout(r, 5));
    const current = (await claimDeployment(d.id, ["new"]))!;
    await saveOutput(d.id, old, "stale output");
    expect(await finishDeployment(d.id, old, { succeeded: false, exitCode: 1, recap: null, output: "stale" })).toBe(false);
    expect(await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "running", output: "", command: ["new"] });
    expect(await finishDeployment(d.id, current, { succeeded: true, exitCode: 0, recap: null, output: "ok" })).toBe(true);
    expect(await claimDeployment(d.id, ["late"])).toBeNull();
    expect(await db.deployment.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({ status: "succeeded", output: "ok" });
    expect((await db.machine.findUniqueOrThrow({ where: { id: m.id } })).state).toBe("ready");
  });
});
