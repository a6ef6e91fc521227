import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { kill9 } from "@/lib/testing/worker-process";
import { until } from "@/lib/testing/until";
import { childEnv, runCommand } from "./run";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("runCommand", () => {
  it("captures output and the exit code without a shell", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-run-"));
    const marker = path.join(dir, "pwned");
    let out = "";
    const r = await runCommand(["/bin/echo", `$(touch ${marker})`, "; touch", marker], { timeoutMs: 5000, onOutput: (t) => (out += t) });
    expect(r.exitCode).toBe(0);
    expect(out.trim()).toBe(`$(touch ${marker}) ; touch ${marker}`);
    expect(existsSync(marker)).toBe(false);
  });

  it("kills the whole process group on timeout", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-run-"));
    const late = path.join(dir, "late");
    const started = Date.now();
    const r = await runCommand(["/bin/sh", "-c", `(sleep 2; touch ${late}) & sleep 30`], { timeoutMs: 300, onOutput: () => {} });
    expect(r.timedOut).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    await new Promise((res) => setTimeout(res, 2500));
    expect(existsSync(late)).toBe(false);
  });

  it("takes the command's whole process group down when its owner is killed with SIGKILL", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-run-"));
    const [leader, member] = [path.join(dir, "leader"), path.join(dir, "member")];
    const owner = spawn(process.execPath, ["--import", "tsx", "lib/deploy/testdata/run-owner.mts", leader, member], { stdio: "inherit" });
    try {
      const pids = await until("the command to start", async () => (existsSync(leader) && existsSync(member) ? [leader, member].map((f) => Number(readFileSync(f, "utf8"))) : null), 15_000);
      expect(pids.every(alive)).toBe(true);
      await kill9(owner);
      await until("the command's process group to go", async () => !pids.some(alive), 8_000);
    } finally {
      await kill9(owner);
    }
  });

  it("reports a command that does not exist", async () => {
    const r = await runCommand(["/nonexistent/deployer"], { timeoutMs: 1000, onOutput: () => {} });
    expect(r.error).toMatch(/ENOENT/);
  });

  it("passes no secrets to the child", () => {
    process.env.DATABASE_URL = "postgresql://secret";
    process.env.FLEETBOOT_SECRET_KEY = "k";
    const env = childEnv();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.FLEETBOOT_SECRET_KEY).toBeUndefined();
    expect(env.PATH).toBeDefined();
  });
});
