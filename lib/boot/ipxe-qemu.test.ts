import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { createConsoleServer } from "./console-server";
import { parseFastHead } from "./front";
import { orderMirrors } from "./mirror-order";
import { planBoot } from "./plan";
import { findBootTargetByRef, listEnabledMirrors } from "./queries";
import { renderBootScript } from "./render-script";

// A real iPXE (Debian ipxe-qemu, the 2019 build) in qemu with user-mode networking: its
// DHCP bootfile is the console's chain URL, served by the console's own server
// (lib/boot/console-server.ts) on 127.0.0.1 (10.0.2.2 inside the VM), whose node:http side
// also plays two image mirrors. The first mirror in this MAC's order has no kernel, so
// iPXE must fall over to the second.

useTestDatabase();

const QEMU = "/usr/bin/qemu-system-x86_64";
const KERNEL = "/usr/lib/ipxe/ipxe.lkrn"; // a real bzImage, so `kernel` and `boot` succeed
const MAC = "52:54:00:fb:00:01";
const tcgMissing = existsSync(QEMU) && !execFileSync(QEMU, ["-accel", "help"], { encoding: "utf8" }).includes("tcg");
if (tcgMissing) console.warn("[ipxe-qemu] SKIPPED: this qemu cannot run TCG guests");

interface Hit { at: number; path: string; fast: boolean }
const hits: Hit[] = [];
let server: ReturnType<typeof createConsoleServer>["front"];
let port = 0;
const vms: ChildProcess[] = [];
let console_ = "";
let mirrorOrder: string[] = [];

// The mirrors' files, behind the console server's node:http side.
function serve(req: http.IncomingMessage, res: http.ServerResponse) {
  const path = req.url ?? "/";
  const [, mirror, ...rest] = path.replace(/^\/both/, "").split("/");
  const file = rest.join("/");
  // Mirror order[0] is broken for the first VM; under /both/ both mirrors serve the files.
  const broken = mirror === mirrorOrder[0] && !path.startsWith("/both/");
  if (!broken && file === "img/1.0/vmlinuz") return void res.end(readFileSync(KERNEL));
  if (!broken && file === "img/1.0/initrd.img") return void res.end("not really an initrd\n");
  res.writeHead(404).end("not here\n");
}

// The requests the front answers itself, seen as their connection's first read.
function watchFastPath(socket: Socket) {
  socket.once("data", (first: Buffer) => {
    const head = parseFastHead(first);
    if (head) hits.push({ at: Date.now(), path: head.url, fast: true });
  });
}

beforeAll(async () => {
  for (const f of [QEMU, KERNEL, "/usr/lib/ipxe/qemu/pxe-e1000.rom"]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: apt-get install qemu-system-x86 ipxe-qemu ipxe`);
  }
  const consoleServer = createConsoleServer({ proxies: [], rest: serve });
  server = consoleServer.front;
  server.on("connection", watchFastPath);
  // Every request node:http is handed (iPXE sends later requests on a kept-alive connection).
  consoleServer.http.on("request", (req: http.IncomingMessage) => hits.push({ at: Date.now(), path: req.url ?? "/", fast: false }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
  console_ = `http://10.0.2.2:${port}`;
  const image = await db.image.create({ data: { name: "vm-image" } });
  const version = await db.imageVersion.create({ data: { imageId: image.id, version: "1.0", kernelPath: "img/1.0/vmlinuz", initrdPath: "img/1.0/initrd.img", squashfsPath: "img/1.0/filesystem.squashfs" } });
  const role = await db.role.create({ data: { name: "vm", desiredVersionId: version.id } });
  const mirrors = await Promise.all(["mirror-a", "mirror-b"].map((name) => db.mirror.create({ data: { name, baseUrl: `${console_}/${name}` } })));
  mirrorOrder = orderMirrors(MAC, mirrors).map((m) => m.name);
  await db.machine.create({ data: { hostname: "vm-01", roleId: role.id, interfaces: { create: [{ mac: MAC }] } } });
}, 60_000);

afterAll(async () => {
  for (const p of vms) if (p.pid && p.exitCode === null) p.kill("SIGKILL");
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  rmSync(path.join(os.tmpdir(), `fleetboot-qemu-${process.pid}.ipxe`), { force: true });
});

function startVm(args: string[]): { screen: () => string } {
  let output = "";
  const vm = spawn(QEMU, ["-accel", "tcg", "-nographic", "-m", "256", "-no-reboot", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  vms.push(vm);
  vm.stdout!.on("data", (d) => (output += d));
  vm.stderr!.on("data", (d) => (output += d));
  return { screen: () => output.replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, "") };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return predicate();
}

describe.skipIf(tcgMissing)("a real iPXE client in qemu", () => {
  it("chains to its own script, falls over to the second mirror and boots the kernel", async () => {
    const vm = startVm(["-netdev", `user,id=n0,bootfile=${console_}/api/boot/ipxe`, "-device", `e1000,netdev=n0,mac=${MAC}`, "-boot", "n"]);
    const beacon = () => hits.some((h) => h.path.startsWith("/api/boot/beacon") && h.path.includes("stage=kernel"));
    const done = await waitFor(beacon, 100_000);
    const paths = hits.map((h) => h.path);
    const screen = vm.screen().slice(-3000);
    expect(done, `no kernel beacon; requests:\n${paths.join("\n")}\nscreen:\n${screen}`).toBe(true);

    // The generic chain, then this VM's own script, by its (percent-encoded) MAC: both as
    // iPXE sends them, each on a new connection, answered on the front's fast path.
    expect(paths[0]).toBe("/api/boot/ipxe");
    expect(paths[1]).toMatch(/^\/api\/boot\/ipxe\?mac=52%3A54%3A00%3Afb%3A00%3A01&uuid=.*&arch=i386&platform=pcbios$/);
    expect(hits.slice(0, 2).map((h) => h.fast)).toEqual([true, true]);
    const kernels = paths.filter((p) => p.endsWith("/vmlinuz"));
    expect(kernels.slice(0, 2)).toEqual([`/${mirrorOrder[0]}/img/1.0/vmlinuz`, `/${mirrorOrder[1]}/img/1.0/vmlinuz`]);
    const index = (p: string) => paths.indexOf(p);
    expect(index(`/${mirrorOrder[1]}/img/1.0/initrd.img`)).toBeGreaterThan(index(`/${mirrorOrder[1]}/img/1.0/vmlinuz`));

    const machine = await db.machine.findUniqueOrThrow({ where: { hostname: "vm-01" } });
    expect(machine.state).toBe("booting");
    const served = await db.event.findFirstOrThrow({ where: { machineId: machine.id, kind: "boot.script_served" } });
    expect(served.payload).toMatchObject({ mac: MAC, arch: "i386", platform: "pcbios", mirrors: mirrorOrder, sourceIp: "127.0.0.1" });
    const started = await db.event.findFirstOrThrow({ where: { machineId: machine.id, kind: "boot.kernel_started" } });
    expect(started.payload).toMatchObject({ bootId: machine.bootId, mirror: 1 });
  }, 120_000);

  it("expands the kernel arguments as rendered, retries every mirror each round, then gives up", async () => {
    // The real script for vm-01, run by ipxe.lkrn without DHCP, with `boot` replaced by
    // `imgstat` so that iPXE prints the command line it would boot with and carries on as
    // if the boot had failed: every mirror, every round, then the failure path.
    const target = (await findBootTargetByRef("vm-01"))!;
    const mirrors = (await listEnabledMirrors()).map((m) => ({ ...m, baseUrl: m.baseUrl.replace(console_, `${console_}/both`) }));
    const plan = planBoot(target, mirrors);
    if (plan.kind !== "boot") throw new Error(plan.reason);
    const bootId = "22222222-3333-4444-5555-666666666666";
    const script = renderBootScript(plan, { consoleUrl: console_, token: "t".repeat(43), bootId, random: () => 0 })
      .replace("#!ipxe\n", "#!ipxe\ndhcp\n")
      .replace(/^boot \|\| goto (\S+)$/gm, "imgstat\ngoto $1");
    const file = path.join(os.tmpdir(), `fleetboot-qemu-${process.pid}.ipxe`);
    writeFileSync(file, script);
    const vm = startVm(["-kernel", KERNEL, "-initrd", file, "-netdev", "user,id=n0", "-device", "e1000,netdev=n0,mac=52:54:00:fb:00:02"]);
    const failed = () => hits.some((h) => h.path.includes(`boot=${bootId}&stage=failed`));
    const done = await waitFor(failed, 100_000);
    const flat = vm.screen().replace(/[\r\n]/g, "");
    expect(done, `no failure beacon; screen:\n${vm.screen().slice(-3000)}`).toBe(true);

    const kernels = hits.filter((h) => h.path.startsWith("/both/") && h.path.endsWith("/vmlinuz")).map((h) => h.path.split("/")[2]);
    // vm-01 never reported in after the first test, so this is attempt 2: the order is rotated.
    const order = plan.sources.map((s) => s.mirror.name);
    expect(order).toEqual([mirrorOrder[1], mirrorOrder[0]]);
    expect(kernels).toEqual([...order, ...order, ...order]);
    const args = /^set fb-args (.*)$/m.exec(script)![1];
    for (const m of order) expect(flat).toContain(`${args} fetch=${console_}/both/${m}/img/1.0/filesystem.squashfs`);
    // The waits between rounds grow: the screen shows both announcements.
    expect(flat).toMatch(/next round in 3 seconds.*next round in 8 seconds/);
  }, 120_000);
});
