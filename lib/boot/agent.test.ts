import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/boot/agent/route";

const run = promisify(execFile);
const AGENT = path.resolve("deploy/agent/fleetboot-agent.sh");

// A stand-in console: refuses the first report (as an overloaded console would), then accepts.
let server: http.Server;
let port = 0;
const received: { body: unknown; status: number }[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const status = received.length % 2 === 0 ? 503 : 202;
      received.push({ body: JSON.parse(data), status });
      res.writeHead(status, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function env(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const cmdline = path.join(dir, "cmdline");
  writeFileSync(cmdline, `BOOT_IMAGE=vmlinuz boot=live fleetboot.url=http://127.0.0.1:${port} fleetboot.boot=b1 fleetboot.token=tok_en-123 quiet\n`);
  const image = path.join(dir, "image");
  writeFileSync(image, "debian-storage:2026.11.0\n");
  return { PATH: process.env.PATH ?? "", FLEETBOOT_CMDLINE_FILE: cmdline, FLEETBOOT_IMAGE_FILE: image, FLEETBOOT_MAC: "52:54:00:aa:bb:01", FLEETBOOT_IP: "10.9.0.7", ...extra } as unknown as NodeJS.ProcessEnv;
}

describe("the agent script", () => {
  it("is served as a shell script and passes shellcheck", async () => {
    const res = await GET();
    expect(res.headers.get("content-type")).toMatch(/shellscript/);
    expect((await res.text()).startsWith("#!/bin/sh")).toBe(true);
    await run("shellcheck", ["-s", "sh", AGENT]);
  });

  it("reports under dash with curl, retrying after a 503", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-agent-"));
    const before = received.length;
    await run("dash", [AGENT], { env: env(dir), timeout: 30_000 });
    const mine = received.slice(before);
    expect(mine.map((r) => r.status)).toEqual([503, 202]);
    expect(mine[1].body).toMatchObject({ mac: "52:54:00:aa:bb:01", ip: "10.9.0.7", token: "tok_en-123", image: "debian-storage:2026.11.0" });
  }, 40_000);

  it("reports under busybox sh with only busybox wget", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-agent-"));
    const bin = path.join(dir, "bin");
    writeFileSync(path.join(dir, ".keep"), "");
    mkdirSync(bin);
    for (const tool of ["cat", "tr", "head", "awk", "od", "sleep", "wget", "printf"]) symlinkSync("/usr/bin/busybox", path.join(bin, tool));
    const before = received.length;
    await run("/usr/bin/busybox", ["sh", AGENT], { env: { ...env(dir), PATH: bin }, timeout: 30_000 });
    const mine = received.slice(before);
    expect(mine.at(-1)?.status).toBe(202);
    expect(mine.at(-1)?.body).toMatchObject({ mac: "52:54:00:aa:bb:01", token: "tok_en-123" });
  }, 40_000);

  it("does nothing on a machine not booted by Fleetboot", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "fb-agent-"));
    writeFileSync(path.join(dir, "plain"), "BOOT_IMAGE=vmlinuz root=/dev/sda1\n");
    const before = received.length;
    const { stderr } = await run("dash", [AGENT], { env: { ...env(dir), FLEETBOOT_CMDLINE_FILE: path.join(dir, "plain") } });
    expect(stderr).toMatch(/not booted by Fleetboot/);
    expect(received.length).toBe(before);
  });
});
