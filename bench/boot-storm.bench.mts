// Boot storm: N simulated machines power on at once against one console (production
// build, embedded PostgreSQL, deploy command `true`), with 50 browsers' worth of SSE
// streams open. Reports the time until the last machine is deployed, deployments per
// machine (must be exactly 1), report latency and event → SSE client latency (per kind too).
//   npm run build && npx tsx --tsconfig tsconfig.json bench/boot-storm.bench.mts [machines]
// BENCH_CPU_PROFILE_DIR=<dir> writes a CPU profile of the console there (bench/console.ts).
import { SimulatedMachine } from "@/lib/simulator/machine";
import { startBenchConsole } from "./console";
import { readEventStream } from "./sse";

const N = Number(process.argv[2] ?? 1000);
const SSE_CLIENTS = 50;
const { base, auth, api, stop } = await startBenchConsole("storm", { FLEETBOOT_DEPLOY_CONCURRENCY: "16" });

await api("POST", "/api/mirrors", { baseUrl: "http://127.0.0.1:9/images" });
await api("POST", "/api/images", { name: "storm" });
await api("POST", "/api/images/storm/versions", { version: "1", kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs" });
await api("POST", "/api/roles", { name: "storm", imageVersion: "storm:1", deployCommand: ["true"] });
const macs = Array.from({ length: N }, (_, i) => `52:54:02:${((i >> 16) & 255).toString(16).padStart(2, "0")}:${((i >> 8) & 255).toString(16).padStart(2, "0")}:${(i & 255).toString(16).padStart(2, "0")}`);
const text = macs.map((m, i) => `${m} storm-${String(i).padStart(5, "0")} 127.78.${Math.floor(i / 250)}.${(i % 250) + 1}`).join("\n");
await api("POST", "/api/machines/import", { text, defaults: { role: "storm" } });

// 50 SSE clients: latency from an event's created_at (its transaction's start, database
// clock, same host) to its arrival at the first client, which also tells when every
// machine's deployment has ended.
const eventLatencies: number[] = [];
const latencyByKind = new Map<string, number[]>();
const deployed = new Map<string, "deploy.succeeded" | "deploy.failed">();
const queued = new Map<string, number>();
const controllers: AbortController[] = [];
for (let c = 0; c < SSE_CLIENTS; c++) {
  const ac = new AbortController();
  controllers.push(ac);
  // Every client reads the whole stream; the first one records what it saw.
  void readEventStream(`${base}/api/events`, auth, ac.signal, (data) => {
    if (c !== 0) return;
    const e = JSON.parse(data);
    const ms = Date.now() - new Date(e.createdAt).getTime();
    eventLatencies.push(ms);
    latencyByKind.set(e.kind, [...(latencyByKind.get(e.kind) ?? []), ms]);
    if (e.kind === "deploy.queued") queued.set(e.machineId, (queued.get(e.machineId) ?? 0) + 1);
    if (e.kind === "deploy.succeeded" || e.kind === "deploy.failed") deployed.set(e.machineId, e.kind);
  });
}
await new Promise((r) => setTimeout(r, 1000));

const reportLatencies: number[] = [];
const machines = macs.map((mac, i) => new SimulatedMachine({ hostname: `storm-${i}`, mac, ip: `127.78.${Math.floor(i / 250)}.${(i % 250) + 1}`, consoleUrl: base, bootSeconds: 0, onReport: (ms) => reportLatencies.push(ms) }));
const started = Date.now();
for (const m of machines) m.powerCycle();

// Done when every machine's deployment has ended, as the stream told the first client.
while (deployed.size < N && Date.now() - started < 300_000) await new Promise((r) => setTimeout(r, 100));
const elapsed = (Date.now() - started) / 1000;
const converged = (await api("GET", "/api/fleet/homogeneity")).roles?.find((r: { role: string }) => r.role === "storm")?.converged ?? 0;
const failed = await fetch(`${base}/api/machines?role=storm&state=failed&limit=500`, { headers: auth }).then((r) => r.json());
const ready = [...deployed.values()].filter((k) => k === "deploy.succeeded").length;
for (const ac of controllers) ac.abort();
for (const m of machines) m.powerOff();

const p = (xs: number[], q: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(0) : "n/a");
console.log(`\nBoot storm: ${N} machines, ${SSE_CLIENTS} SSE clients`);
console.log(`| deployed (deploy.succeeded seen on the stream) | ${ready} / ${N} |`);
console.log(`| converged (booted the desired version) | ${converged} / ${N} |`);
console.log(`| time to the last one deployed | ${elapsed.toFixed(1)} s |`);
console.log(`| failed machines | ${failed.items.length} |`);
console.log(`| deployments per machine (min / max) | ${Math.min(...queued.values())} / ${Math.max(...queued.values())} (${queued.size} machines) |`);
console.log(`| report latency p50 / p99 | ${p(reportLatencies, 0.5)} / ${p(reportLatencies, 0.99)} ms (${reportLatencies.length} reports) |`);
console.log(`| event → SSE client p50 / p99 | ${p(eventLatencies, 0.5)} / ${p(eventLatencies, 0.99)} ms (${eventLatencies.length} events) |`);
for (const [kind, xs] of [...latencyByKind].sort()) console.log(`|   ${kind} p50 / p99 / max | ${p(xs, 0.5)} / ${p(xs, 0.99)} / ${p(xs, 1)} ms (${xs.length}) |`);
stop();
process.exit(0);
