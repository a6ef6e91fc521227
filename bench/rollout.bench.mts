// Rollout of N simulated machines (default 1,000) in batches (default 100) against a
// production console on a fresh embedded database: each machine behind the simulated
// Redfish BMC boots in exactly BOOT seconds (no jitter), deploy command `true`. The ideal
// is batches × BOOT; the wall time from the create request to `succeeded` is compared
// with it, and each batch is split into where its time went.
//   npm run build && npm run bench:rollout -- [machines] [batch size] [boot seconds] [--worker]
// --worker: deploy workers and scheduler in a separate `npm run worker` process
// (FLEETBOOT_WORKERS=off on the console). Console settings pass through
// (FLEETBOOT_POWER_CONCURRENCY, FLEETBOOT_DEPLOY_CONCURRENCY).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { SimulatedFleet } from "@/lib/simulator/fleet";
import { startBenchConsole } from "./console";
import { readEventStream } from "./sse";

const [N = 1000, BATCH = 100, BOOT = 20] = process.argv.slice(2).filter((a) => !a.startsWith("--")).map(Number);
const separateWorker = process.argv.includes("--worker");
const database = separateWorker ? await startEmbeddedPostgres({ dataDir: mkdtempSync(path.join(os.tmpdir(), "fb-rollout-db-")), persistent: false }) : null;
const { base, auth, env, server, api, stop: stopConsole } = await startBenchConsole("rollout", {
  DATABASE_URL: database?.url ?? "",
  FLEETBOOT_DEPLOY_CONCURRENCY: process.env.FLEETBOOT_DEPLOY_CONCURRENCY ?? "32",
  ...(separateWorker ? { FLEETBOOT_WORKERS: "off", FLEETBOOT_SECRET_KEY: "ab".repeat(32) } : {}),
});
let worker: ReturnType<typeof spawn> | undefined;
const stop = () => {
  worker?.kill("SIGTERM");
  stopConsole();
};
process.on("exit", stop);

interface SseEvent { kind: string; machineId: string | null; payload: Record<string, unknown>; createdAt: string }
const events: SseEvent[] = [];
const streams: AbortController[] = [];
function follow(kind: string) {
  const ac = new AbortController();
  streams.push(ac);
  void readEventStream(`${base}/api/events?kind=${kind}`, auth, ac.signal, (data) => events.push(JSON.parse(data)));
}

// The console has migrated the database by now; the worker may start.
if (separateWorker) worker = spawn(process.execPath, ["--import", "tsx", "scripts/worker.mts"], { env, stdio: ["ignore", "ignore", "inherit"] });
await api("POST", "/api/mirrors", { baseUrl: "http://127.0.0.1:9/images" });
await api("POST", "/api/images", { name: "rb" });
for (const version of ["1", "2"]) await api("POST", "/api/images/rb/versions", { version, kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs" });
await api("POST", "/api/roles", { name: "rb", imageVersion: "rb:1", deployCommand: ["true"] });

const fleet = await SimulatedFleet.start({ consoleUrl: base, count: N, racks: 20, bootSeconds: BOOT, bootJitter: 0, prefix: "rb", log: (line) => console.error(`[simulated fleet] ${line}`) });
await api("POST", "/api/subnets", fleet.subnet);
const queue = [...fleet.specs];
await Promise.all(
  Array.from({ length: 16 }, async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      await api("POST", "/api/machines", { hostname: s.hostname, macs: [s.mac], ipv4: s.ip, rack: s.rack, role: "rb", bmc: fleet.bmcSettings(s) });
    }
  }),
);
follow("deploy.");
follow("rollout.");
follow("power.");
// Report round trips, by machine (the last one), next to the fleet's own bookkeeping.
const reportMs = new Map<string, number>();
for (const [systemId, m] of fleet.machines) {
  const own = m.opts.onReport;
  m.opts.onReport = (ms, status) => {
    reportMs.set(systemId, ms);
    own?.(ms, status);
  };
}
await new Promise((r) => setTimeout(r, 500));

// First boot, quick: every machine ready on version 1 before the rollout.
for (const m of fleet.machines.values()) m.opts.bootSeconds = 0;
fleet.powerOnAll();
const succeeded = () => events.filter((e) => e.kind === "deploy.succeeded").length;
for (let i = 0; succeeded() < N; i++) {
  if (i > 600) throw new Error(`only ${succeeded()} of ${N} machines became ready`);
  await new Promise((r) => setTimeout(r, 200));
}
for (const m of fleet.machines.values()) m.opts.bootSeconds = BOOT;
await new Promise((r) => setTimeout(r, 2000));

// CPU seconds during the rollout: the whole machine (/proc/stat, other users included), this
// process (the simulated fleet, its BMC and the SSE clients), the console and the worker
// (with the deploy commands they reaped); the rest is mostly PostgreSQL.
const TICK = 100;
function machineCpu() {
  const f = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return { busy: (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / TICK, total: f.slice(0, 8).reduce((a, b) => a + b, 0) / TICK };
}
function processCpu(pid: number | undefined) {
  if (!pid) return 0;
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ").map(Number);
    return (f[11] + f[12] + f[13] + f[14]) / TICK;
  } catch {
    return 0;
  }
}
const cpuBefore = { machine: machineCpu(), self: process.cpuUsage(), console: processCpu(server.pid), worker: processCpu(worker?.pid) };

const created = await api("POST", "/api/rollouts", { name: "bench", selector: { role: "rb" }, imageVersion: "rb:2", batchSize: BATCH, healthTimeoutSeconds: BOOT + 120 });
for (let i = 0; !events.some((e) => e.kind === "rollout.finished" && (e as unknown as { rolloutId: string }).rolloutId === created.id); i++) {
  if (i > 10 * (N / BATCH) * (BOOT + 60)) throw new Error("the rollout did not finish");
  await new Promise((r) => setTimeout(r, 100));
}
const cpuAfter = { machine: machineCpu(), self: process.cpuUsage(cpuBefore.self), console: processCpu(server.pid), worker: processCpu(worker?.pid) };
const rollout = await api("GET", `/api/rollouts/${created.id}`);
// The same events again, replayed from the table: what a client reconnecting from the start gets.
const replayed: SseEvent[] = [];
{
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 3000);
  await readEventStream(`${base}/api/events?kind=power.&lastEventId=0`, auth, ac.signal, (data) => replayed.push(JSON.parse(data)));
}
for (const ac of streams) ac.abort();
for (const m of fleet.machines.values()) m.powerOff();

const t = (s: string | null) => (s ? new Date(s).getTime() : NaN);
const start = t(rollout.createdAt);
const end = t(rollout.finishedAt);
const wall = (end - start) / 1000;
const batches = rollout.batches.length;
const ideal = batches * BOOT;

// Per machine: reset (BMC log), report (simulator), deployment queued / started / done (events).
const since = start;
const resetAt = new Map<string, number>();
for (const e of fleet.bmc.log) if (e.action === "reset" && e.at >= since) resetAt.set(e.systemId, e.at);
const reportAt = new Map<string, number>();
for (const r of fleet.reports) if (r.at >= since) reportAt.set(r.systemId, r.at);
const deploy = new Map<string, { queued?: number; started?: number; done?: number }>();
const powerMs = new Map<string, number>();
for (const e of replayed) if (e.kind === "power.action" && e.machineId && t(e.createdAt) >= since) powerMs.set(e.machineId, Number(e.payload.durationMs));
for (const e of events) {
  if (!e.machineId || t(e.createdAt) < since || !e.kind.startsWith("deploy.")) continue;
  const d = deploy.get(e.machineId) ?? {};
  if (e.kind === "deploy.queued") d.queued = t(e.createdAt);
  if (e.kind === "deploy.started") d.started = t(e.createdAt);
  if (e.kind === "deploy.succeeded" || e.kind === "deploy.failed") d.done = t(e.createdAt);
  deploy.set(e.machineId, d);
}

interface Step { hostname: string; machineId: string; batch: number; state: string; intentAt: string; poweredAt: string | null; finishedAt: string | null }
const steps = rollout.steps as Step[];
const max = (xs: number[]) => Math.max(...xs);
const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms: number) => (ms / 1000).toFixed(2);
console.log(`\nRollout: ${N} machines, batches of ${BATCH}, boot ${BOOT} s; workers ${separateWorker ? "in a separate process" : "in the console"}; power concurrency ${process.env.FLEETBOOT_POWER_CONCURRENCY ?? "128 (default)"}, deploy concurrency ${process.env.FLEETBOOT_DEPLOY_CONCURRENCY ?? "32"}`);
console.log("| batch | start after previous | intent → last reset | last reset → last report | last report → last deployed | → last healthy | batch total | power action median / max | report round trip max | deploy queued → started median / max | deploy run median / max |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
let previousEnd = start;
for (let b = 1; b <= batches; b++) {
  const bs = steps.filter((x) => x.batch === b);
  const intent = min(bs.map((x) => t(x.intentAt)));
  const lastReset = max(bs.map((x) => resetAt.get(x.hostname) ?? NaN));
  const lastReport = max(bs.map((x) => reportAt.get(x.hostname) ?? NaN));
  const lastDeployed = max(bs.map((x) => deploy.get(x.machineId)?.done ?? NaN));
  const lastHealthy = max(bs.map((x) => t(x.finishedAt)));
  const waits = bs.map((x) => (deploy.get(x.machineId)?.started ?? NaN) - (deploy.get(x.machineId)?.queued ?? NaN));
  const runs = bs.map((x) => (deploy.get(x.machineId)?.done ?? NaN) - (deploy.get(x.machineId)?.started ?? NaN));
  const power = bs.map((x) => powerMs.get(x.machineId) ?? NaN);
  const report = max(bs.map((x) => reportMs.get(x.hostname) ?? NaN));
  console.log(`| ${b} | ${s(intent - previousEnd)} | ${s(lastReset - intent)} | ${s(lastReport - lastReset)} | ${s(lastDeployed - lastReport)} | ${s(lastHealthy - lastDeployed)} | ${s(lastHealthy - intent)} | ${s(median(power))} / ${s(max(power))} | ${s(report)} | ${s(median(waits))} / ${s(max(waits))} | ${s(median(runs))} / ${s(max(runs))} |`);
  previousEnd = lastHealthy;
}
console.log(`| after the last batch → succeeded | ${s(end - previousEnd)} |`);
const states = new Map<string, number>();
for (const x of steps) states.set(x.state, (states.get(x.state) ?? 0) + 1);
const resets = fleet.resets(since);
console.log(`\n| rollout | ${rollout.state} (${[...states].map(([k, n]) => `${k} ${n}`).join(", ")}) |`);
console.log(`| machines reset once / more than once | ${[...resets.values()].filter((n) => n === 1).length} / ${[...resets.values()].filter((n) => n > 1).length} |`);
console.log(`| wall time, create → succeeded | ${wall.toFixed(1)} s |`);
console.log(`| ideal (${batches} batches × ${BOOT} s) | ${ideal} s |`);
const seen = (kind: string) => new Set(events.filter((e) => e.kind === kind && t(e.createdAt) >= since).map((e) => e.machineId)).size;
console.log(`| events seen on the SSE streams (machines) | power.action ${seen("power.action")} live, ${new Set(replayed.filter((e) => e.kind === "power.action" && t(e.createdAt) >= since).map((e) => e.machineId)).size} replayed; deploy.succeeded ${seen("deploy.succeeded")} live; of ${N} |`);
{
  const busy = cpuAfter.machine.busy - cpuBefore.machine.busy;
  const self = (cpuAfter.self.user + cpuAfter.self.system) / 1e6;
  const consoleCpu = cpuAfter.console - cpuBefore.console;
  const workerCpu = cpuAfter.worker - cpuBefore.worker;
  console.log(`| CPU during the rollout (core-seconds) | machine ${busy.toFixed(0)} of ${((cpuAfter.machine.total - cpuBefore.machine.total)).toFixed(0)}: console ${consoleCpu.toFixed(0)}${worker ? `, worker ${workerCpu.toFixed(0)}` : ""}, simulated fleet + clients ${self.toFixed(0)}, the rest (PostgreSQL, others) ${(busy - consoleCpu - workerCpu - self).toFixed(0)} |`);
}
console.log(`| ratio | ${(wall / ideal).toFixed(3)}× (target ≤ 1.05×) |`);
await fleet.stop();
stop();
await new Promise((r) => setTimeout(r, 3000));
await database?.stop();
process.exit(0);
