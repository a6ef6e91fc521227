// The boot endpoint under a boot storm: GET /api/boot/ipxe?mac= for a 1,000-MAC mix out
// of 10,000 registered machines, 50 connections on loopback, a new connection per
// request, served by the console's own server without Next.js (lib/boot/console-server.ts), next to
// one nginx worker serving a static file of the same size.
// Target (issue 4): ≥ 0.25× nginx's req/s and p99 < 50 ms.
//   npx tsx --tsconfig tsconfig.json bench/boot.bench.mts [seconds per run] [rounds]
// With BOOT_BENCH_PROXY=1 it also measures the per-MAC mix through one nginx worker in front
// of the console, passing requests on over kept-alive connections (docs/BENCHMARKS.md).
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { createConsoleServer } from "@/lib/boot/console-server";
import { disconnectDb } from "@/lib/db";
import { closePgPool } from "@/lib/db/pool";
import { findPostmaster, nodeCpuMs, treeCpuMs } from "./boot-cpu.mts";
import { runWrk, startNginx, startNginxProxy, type WrkResult } from "./boot-wrk.mts";
import { benchDatabase, seedFleet } from "./fixtures";

const SECONDS = Number(process.argv[2] ?? 10);
const ROUNDS = Number(process.argv[3] ?? 3);
const MACHINES = 10_000;
const MIX = 1_000;

async function addMirrorsAndSubnet(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`
    INSERT INTO mirrors (id, name, base_url, weight, updated_at) VALUES
      (gen_random_uuid(), 'm1', 'http://10.0.255.1/images', 100, now()),
      (gen_random_uuid(), 'm2', 'http://10.0.255.2/images', 100, now()),
      (gen_random_uuid(), 'm3', 'http://10.0.255.3/images', 50, now())`);
  await c.query(`INSERT INTO subnets (id, name, cidr, gateway, dns, updated_at) VALUES (gen_random_uuid(), 'bench', '10.0.0.0/16', '10.0.255.254', '{10.0.255.253}', now())`);
  await c.query(`UPDATE machines SET subnet_id = (SELECT id FROM subnets), maintenance = false`);
  const { rows } = await c.query<{ mac: string }>(`SELECT mac FROM interfaces ORDER BY md5(mac) LIMIT ${MIX}`);
  await c.query("ANALYZE");
  await c.end();
  return rows.map((r) => r.mac);
}

const db = await benchDatabase();
process.env.DATABASE_URL = db.url;
process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.255.250:3000";
// Every request comes from 127.0.0.1: the per-source rate limit would answer most with 429.
process.env.FLEETBOOT_BOOT_RATE_PER_SECOND = "100000";
const results: [string, WrkResult][] = [];
let nginx: { url: string; stop: () => void } | undefined;
let proxy: { url: string; stop: () => void } | undefined;
// The issue's other yardstick: a bare node:http server answering a constant of the same
// size (its reference machine measured it at ~24,000 req/s beside nginx's ~23,000).
const bare = http.createServer();
// The console's own server (lib/boot/console-server.ts), with a 404 where Next.js would be.
const { front: server } = createConsoleServer({ proxies: [], rest: (_req, res) => res.writeHead(404).end() });
try {
  await seedFleet(db.url, MACHINES);
  const macs = await addMirrorsAndSubnet(db.url);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paths = macs.map((m, i) => `/api/boot/ipxe?mac=${i % 2 ? m.replaceAll(":", "-") : encodeURIComponent(m)}&arch=x86_64&platform=efi`);
  const sample = await (await fetch(`${base}${paths[0]}`)).text();
  if (!sample.startsWith("#!ipxe") || !sample.includes("kernel ")) throw new Error(`unexpected script:\n${sample}`);
  nginx = await startNginx(sample);
  if (process.env.BOOT_BENCH_PROXY === "1") proxy = await startNginxProxy((server.address() as AddressInfo).port);
  bare.on("request", (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(sample));
  await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/boot.ipxe`;

  await runWrk(`${base}/`, { seconds: 3, connections: 50, paths }); // warm-up: JIT, pool, caches
  // The machine is shared and noisy: alternate the servers over several rounds and keep
  // each one's median, so that a burst of someone else's work skews no single number.
  const runs: Record<string, WrkResult[]> = {};
  const cpu: Record<string, { requests: number; console: number; postgres: number }> = {};
  const postmaster = findPostmaster(Number(new URL(db.url).port));
  const measured = async (name: string, run: () => Promise<WrkResult>) => {
    const before = { console: nodeCpuMs(), postgres: treeCpuMs(postmaster) };
    const r = await run();
    const c = (cpu[name] ??= { requests: 0, console: 0, postgres: 0 });
    c.requests += r.rps * SECONDS;
    c.console += nodeCpuMs() - before.console;
    c.postgres += treeCpuMs(postmaster) - before.postgres;
    return r;
  };
  const cases: [string, () => Promise<WrkResult>][] = [
    ["nginx, static file of the same size", () => runWrk(nginx!.url, { seconds: SECONDS, connections: 50 })],
    ["bare node:http server, constant of the same size", () => runWrk(bareUrl, { seconds: SECONDS, connections: 50 })],
    ["console server, generic chain script (no DB)", () => runWrk(`${base}/api/boot/ipxe`, { seconds: SECONDS, connections: 50 })],
    [`console server, per-MAC script (${MIX} MACs of ${MACHINES.toLocaleString("en")})`, () => runWrk(`${base}/`, { seconds: SECONDS, connections: 50, paths })],
    ...(proxy ? [["the same, through nginx with kept-alive upstream connections", () => runWrk(proxy!.url, { seconds: SECONDS, connections: 50, paths })] as [string, () => Promise<WrkResult>]] : []),
  ];
  for (let round = 0; round < ROUNDS; round++) for (const [name, run] of cases) (runs[name] ??= []).push(await measured(name, run));
  const median = (list: WrkResult[]) => [...list].sort((a, b) => a.rps - b.rps)[Math.floor(list.length / 2)];
  for (const [name] of cases) results.push([name, median(runs[name])]);

  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE kind = 'boot.script_served'`);
  await c.end();
  const nginxRps = results[0][1].rps;
  const bareRps = results[1][1].rps;
  console.log(`\nBoot endpoint, median of ${ROUNDS} runs of ${SECONDS} s, 50 connections, new connection per request (script ${sample.length} bytes)\n`);
  console.log("| server | req/s | × nginx | × node:http | p50 ms | p99 ms | CPU µs/request: console + PostgreSQL | errors |\n|---|---:|---:|---:|---:|---:|---:|---|");
  for (const [name, r] of results) {
    const c = cpu[name];
    const per = (ms: number) => Math.round((ms * 1000) / Math.max(1, c.requests));
    const cost = name.startsWith("nginx") ? "—" : `${per(c.console)} + ${per(c.postgres)}`;
    console.log(`| ${name} | ${r.rps} | ${(r.rps / nginxRps).toFixed(2)} | ${(r.rps / bareRps).toFixed(2)} | ${r.p50} | ${r.p99} | ${cost} | ${r.errors || "none"} |`);
  }
  console.log(`\nboot.script_served events written: ${rows[0].n}`);
  for (const [name, list] of Object.entries(runs)) console.log(`${name}: ${list.map((r) => `${r.rps} req/s p99 ${r.p99} ms`).join(" | ")}`);
} finally {
  nginx?.stop();
  proxy?.stop();
  bare.closeAllConnections();
  bare.close();
  // Let requests still in flight finish before the database goes away: closing their
  // sockets does not stop the batch they are in, nor the batch queued behind it.
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all([disconnectDb(), closePgPool()]);
  await db.stop();
}
