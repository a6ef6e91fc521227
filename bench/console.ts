// A production-build console for benchmarks: `scripts/serve.mts start` in a child process
// on a free loopback port, a fresh data directory, no demo fleet, the admin token set and
// the per-source boot rate limit lifted (every simulated machine is 127.0.0.1).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort } from "@/lib/db/embedded";

export interface BenchConsole {
  base: string;
  auth: { authorization: string };
  /** The environment the console runs with (a worker process can share it). */
  env: NodeJS.ProcessEnv;
  server: ChildProcess;
  api(method: string, p: string, body?: unknown): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  stop(): void;
}

export async function startBenchConsole(name: string, env: Record<string, string> = {}): Promise<BenchConsole> {
  const token = "bench-admin-token-0123456789abcdef";
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${token}` };
  const fullEnv: NodeJS.ProcessEnv = {
    ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", FLEETBOOT_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), `fb-${name}-`)),
    FLEETBOOT_ADMIN_TOKEN: token, FLEETBOOT_SEED_DEMO: "never", DATABASE_URL: "", FLEETBOOT_BOOT_RATE_PER_SECOND: "100000", ...env,
  };
  // BENCH_CPU_PROFILE_DIR=dir: the console writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_CPU_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE_DIR}`] : [];
  const server = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/serve.mts", "start"], { env: fullEnv, stdio: ["ignore", "ignore", "inherit"] });
  const stop = () => server.kill("SIGTERM");
  process.on("exit", stop);
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {
      // starting
    }
    if (i > 240) throw new Error("console did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
  async function api(method: string, p: string, body?: unknown) {
    const res = await fetch(`${base}${p}`, { method, headers: { ...auth, "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
    return res.json();
  }
  return { base, auth, env: fullEnv, server, api, stop };
}
