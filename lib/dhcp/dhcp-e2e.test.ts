import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as ipxeRoute } from "@/app/api/boot/ipxe/route";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { buildDhcpConfig } from "./build";
import { UEFI_BOOTFILE, type DhcpFormat } from "./model";

// Real DHCP end to end: each daemon, started with the config Fleetboot renders, serves a
// qemu iPXE client on a bridge in a network namespace of its own (no route out). The
// client must get its reserved address and the chain URL, and ask the console for its
// own script, BIOS and UEFI. The console's route handler listens on a unix socket; a small proxy inside
// the namespace (at the subnet's 10.50.0.1) forwards to it and logs each peer address.

useTestDatabase();

const MAC = "52:54:00:50:00:23";
const RESERVED = "10.50.0.23";
const SERVER = "10.50.0.1";
const dir = mkdtempSync(path.join(os.tmpdir(), "fleetboot-dhcp-e2e-"));
const socket = path.join(dir, "console.sock");
const children: ChildProcess[] = [];
const namespaces: string[] = [];
const hits: string[] = [];
let server: http.Server;

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });
function netnsWorks(): boolean {
  try {
    ip("netns", "add", `fb-probe-${process.pid}`);
    ip("netns", "del", `fb-probe-${process.pid}`);
    return true;
  } catch {
    return false;
  }
}
const canNetns = netnsWorks();
if (!canNetns) console.warn("[dhcp-e2e] SKIPPED: network namespaces cannot be created here (needs root / CAP_NET_ADMIN)");

function start(ns: string, argv: string[], env: Record<string, string> = {}): { output: () => string } {
  let out = "";
  const child = spawn("ip", ["netns", "exec", ns, ...argv], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  children.push(child);
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  return { output: () => out };
}

function network(ns: string) {
  namespaces.push(ns);
  ip("netns", "add", ns);
  for (const cmd of [
    ["link", "set", "lo", "up"],
    ["link", "add", "br0", "type", "bridge"],
    ["addr", "add", `${SERVER}/24`, "dev", "br0"],
    ["link", "set", "br0", "up"],
    ["tuntap", "add", "tap0", "mode", "tap"],
    ["link", "set", "tap0", "master", "br0"],
    ["link", "set", "tap0", "up"],
  ]) ip("netns", "exec", ns, "ip", ...cmd);
}

const PROXY = `const net = require("net"); net.createServer((c) => { console.log("peer " + c.remoteAddress); const u = net.connect(process.argv[1]); c.pipe(u).pipe(c); c.on("error", () => u.destroy()); u.on("error", () => c.destroy()); }).listen(80, "${SERVER}", () => console.log("listening"));`;

function daemon(format: DhcpFormat, ns: string, text: string) {
  const conf = path.join(dir, `${format}.conf`);
  if (format === "isc") {
    writeFileSync(conf, text);
    writeFileSync(path.join(dir, "dhcpd.leases"), "");
    return start(ns, ["dhcpd", "-f", "-4", "-cf", conf, "-lf", path.join(dir, "dhcpd.leases"), "-pf", path.join(dir, "dhcpd.pid"), "br0"]);
  }
  if (format === "kea") {
    const config = JSON.parse(text);
    config.Dhcp4["lease-database"].persist = false;
    writeFileSync(conf, JSON.stringify(config));
    return start(ns, ["kea-dhcp4", "-c", conf], { KEA_PIDFILE_DIR: dir, KEA_LOCKFILE_DIR: "none" });
  }
  writeFileSync(conf, text);
  return start(ns, ["dnsmasq", "--no-daemon", `--conf-file=${conf}`, "--interface=br0", "--bind-interfaces", `--dhcp-leasefile=${path.join(dir, "dnsmasq.leases")}`, "--pid-file"]);
}

async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (predicate()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return predicate();
}

beforeAll(async () => {
  process.env.FLEETBOOT_PUBLIC_URL = `http://${SERVER}`;
  server = http.createServer(async (req, res) => {
    hits.push(req.url ?? "");
    const response = await ipxeRoute(new Request(`http://${req.headers.host}${req.url}`, { headers: req.headers as Record<string, string> }));
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(await response.text());
  });
  await new Promise<void>((r) => server.listen(socket, r));
  const subnet = await db.subnet.create({ data: { name: "e2e", cidr: "10.50.0.0/24", gateway: SERVER, dns: [SERVER], poolStart: "10.50.0.100", poolEnd: "10.50.0.150", nextServer: SERVER } });
  await db.machine.create({ data: { hostname: "e2e-23", subnetId: subnet.id, ipv4: RESERVED, interfaces: { create: [{ mac: MAC }] } } });
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.pid && c.exitCode === null) c.kill("SIGKILL");
  for (const ns of namespaces.splice(0)) {
    try {
      ip("netns", "del", ns);
    } catch {
      // already gone
    }
  }
  hits.length = 0;
});

afterAll(async () => {
  delete process.env.FLEETBOOT_PUBLIC_URL;
  if (server) await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

// UEFI boots in two stages: the firmware's PXE gets iPXE (ipxe.efi) over TFTP from the
// subnet's next-server, then iPXE asks DHCP again and is given the chain URL.
const OVMF = ["/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"];
const IPXE_EFI = "/usr/lib/ipxe/ipxe.efi";
const canUefi = OVMF.concat(IPXE_EFI).every((f) => existsSync(f));
if (canNetns && !canUefi) console.warn(`[dhcp-e2e] UEFI cases SKIPPED: ${OVMF.concat(IPXE_EFI).filter((f) => !existsSync(f)).join(", ")} missing (Debian packages ovmf, ipxe)`);

function firmware(platform: "pcbios" | "efi"): string[] {
  if (platform === "pcbios") return ["-m", "256", "-boot", "n"];
  const vars = path.join(dir, "OVMF_VARS.fd");
  copyFileSync(OVMF[1], vars);
  return ["-m", "512", "-machine", "q35", "-drive", `if=pflash,format=raw,readonly=on,file=${OVMF[0]}`, "-drive", `if=pflash,format=raw,file=${vars}`];
}

// For UEFI, a NIC without qemu's iPXE option ROM: the firmware's own virtio-net driver and
// PXE client do the first stage, as on a server whose NIC has no iPXE in it.
const nic = (platform: "pcbios" | "efi") => (platform === "pcbios" ? `e1000,netdev=n0,mac=${MAC}` : `virtio-net-pci,netdev=n0,mac=${MAC},romfile=`);

/** A TFTP server on the bridge (dnsmasq with DHCP and DNS off) that serves iPXE for UEFI. */
function tftp(ns: string) {
  const root = path.join(dir, "tftp");
  mkdirSync(root, { recursive: true });
  copyFileSync(IPXE_EFI, path.join(root, UEFI_BOOTFILE));
  return start(ns, ["dnsmasq", "--no-daemon", "--conf-file=/dev/null", "--port=0", "--enable-tftp", `--tftp-root=${root}`, "--interface=br0", "--bind-interfaces", "--pid-file", "--log-facility=-"]);
}

const cases = (["dnsmasq", "isc", "kea"] as const).flatMap((format) => (["pcbios", "efi"] as const).map((platform) => [format, platform] as const));

describe.skipIf(!canNetns)("real DHCP daemons serve a real iPXE client", () => {
  it.each(cases)("%s gives the machine its reserved IP and the chain URL (%s)", async (format, platform) => {
    if (platform === "efi" && !canUefi) return;
    const ns = `fb-${format}-${platform}-${process.pid}`;
    network(ns);
    const proxy = start(ns, [process.execPath, "-e", PROXY, socket]);
    expect(await waitFor(() => proxy.output().includes("listening"), 10_000), proxy.output()).toBe(true);
    const files = platform === "efi" ? tftp(ns) : null;
    const { text } = await buildDhcpConfig(format, { interfaces: ["br0"] });
    const dhcp = daemon(format, ns, text);
    const vm = start(ns, ["qemu-system-x86_64", "-accel", "tcg", "-nographic", "-no-reboot", ...firmware(platform),
      "-netdev", "tap,id=n0,ifname=tap0,script=no,downscript=no", "-device", nic(platform)]);
    const asked = () => hits.some((h) => h.startsWith("/api/boot/ipxe?mac=52%3A54%3A00%3A50%3A00%3A23"));
    const ok = await waitFor(asked, platform === "efi" ? 150_000 : 90_000);
    const screen = vm.output().replace(/\x1b\[[0-9;?]*[a-zA-Z]/g, "").slice(-2000);
    expect(ok, `no script request; console saw ${JSON.stringify(hits)}\n${format}:\n${dhcp.output().slice(-2000)}\nTFTP:\n${files?.output() ?? "-"}\nVM:\n${screen}`).toBe(true);
    expect(hits[0]).toBe("/api/boot/ipxe");
    expect(hits.find((h) => h.startsWith("/api/boot/ipxe?mac="))).toContain(`platform=${platform}`);
    expect(proxy.output()).toContain(`peer ${RESERVED}`);
    // The first stage came from the TFTP server the DHCP answer named.
    if (files) expect(files.output()).toMatch(new RegExp(`sent \\S*${UEFI_BOOTFILE.replace(".", "\\.")} to `));
  }, 200_000);
});
