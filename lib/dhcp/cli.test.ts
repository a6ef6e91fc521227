import { execFile } from "node:child_process";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { GET } from "@/app/api/dhcp/[format]/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, useTestDatabase } from "@/lib/testing/db";

// scripts/dhcp-render.mts as cron would run it: a real process against the test database.

const database = useTestDatabase();
const ROOT = path.resolve(import.meta.dirname, "../..");

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const tsx = path.join(ROOT, "node_modules/.bin/tsx");
    execFile(tsx, ["--tsconfig", "tsconfig.json", "scripts/dhcp-render.mts", ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url(), FLEETBOOT_PUBLIC_URL: "", ...env }, timeout: 60_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  const subnet = await db.subnet.create({ data: { name: "cli", cidr: "10.40.0.0/24", gateway: "10.40.0.1", poolStart: "10.40.0.100", poolEnd: "10.40.0.150", nextServer: "10.40.0.10" } });
  await db.machine.create({ data: { hostname: "cli-01", subnetId: subnet.id, ipv4: "10.40.0.11", interfaces: { create: [{ mac: "52:54:00:40:00:11" }] } } });
});

describe("scripts/dhcp-render.mts", () => {
  it("renders a format to stdout, checked by the daemon with --check", async () => {
    const r = await cli(["dnsmasq", "--console", "http://10.40.0.5:3000", "--check"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dhcp-host=52:54:00:40:00:11,10.40.0.11,cli-01");
    expect(r.stdout).toContain("dhcp-boot=tag:ipxe,http://10.40.0.5:3000/api/boot/ipxe");
  }, 60_000);

  it("lists the problems and exits 2 when the fleet cannot be rendered, or the console is unknown", async () => {
    await db.machine.create({ data: { hostname: "cli-stray", ipv4: "10.41.0.9", interfaces: { create: [{ mac: "52:54:00:41:00:09" }] } } });
    try {
      const bad = await cli(["isc", "--console", "http://10.40.0.5:3000"]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toBe("");
      expect(bad.stderr).toContain("host cli-stray: 10.41.0.9 is in no declared subnet");
    } finally {
      await db.machine.delete({ where: { hostname: "cli-stray" } });
    }
    const noConsole = await cli(["kea"]);
    expect(noConsole.code).toBe(2);
    expect(noConsole.stderr).toMatch(/FLEETBOOT_PUBLIC_URL is not set/);
    expect((await cli(["bind"])).stderr).toMatch(/^unknown format "bind": use isc, kea or dnsmasq\nusage:/);
  }, 60_000);

  describe("--out FILE", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-dhcp-cli-"));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));
    const CONSOLE = ["--console", "http://10.40.0.5:3000"];

    it("writes the checked config only when it changed, keeps the file's mode, and reloads only then", async () => {
      const out = path.join(dir, "dnsmasq.conf");
      const marker = path.join(dir, "reloads");
      // The reload command sees the file it follows; quoting and $(…) work as in cron.
      const reload = `echo "reloaded $(basename "$FLEETBOOT_DHCP_FILE")" >> '${marker}'`;
      const reloads = async () => (await readFile(marker, "utf8").catch(() => "")).split("\n").filter(Boolean);

      const first = await cli(["--format", "dnsmasq", ...CONSOLE, "--out", out, "--reload-command", reload]);
      expect(first.stderr).toContain(`${out} created`);
      expect(first.code).toBe(0);
      expect(first.stdout).toBe("");
      expect(await readFile(out, "utf8")).toContain("dhcp-host=52:54:00:40:00:11,10.40.0.11,cli-01");
      expect(await reloads()).toEqual(["reloaded dnsmasq.conf"]);

      await chmod(out, 0o640);
      const same = await cli(["--format", "dnsmasq", ...CONSOLE, "--out", out, "--reload-command", reload]);
      expect(same.code).toBe(0);
      expect(same.stderr).toContain("is up to date");
      expect(await reloads()).toHaveLength(1);

      await db.machine.create({ data: { hostname: "cli-02", subnetId: (await db.subnet.findUniqueOrThrow({ where: { name: "cli" } })).id, ipv4: "10.40.0.12", interfaces: { create: [{ mac: "52:54:00:40:00:12" }] } } });
      try {
        const changed = await cli(["--format", "dnsmasq", ...CONSOLE, "--out", out, "--reload-command", reload]);
        expect(changed.stderr).toContain(`${out} updated`);
        expect(changed.code).toBe(0);
        expect(await readFile(out, "utf8")).toContain("dhcp-host=52:54:00:40:00:12,10.40.0.12,cli-02");
        expect((await stat(out)).mode & 0o777).toBe(0o640);
        expect(await reloads()).toHaveLength(2);
      } finally {
        await db.machine.delete({ where: { hostname: "cli-02" } });
      }
      // No temp file is left beside it.
      expect((await readdir(dir)).sort()).toEqual(["dnsmasq.conf", "reloads"]);
    }, 90_000);

    it("leaves the file alone and exits 1 with the checker's message when the daemon refuses the config", async () => {
      const out = path.join(dir, "kea-dhcp4.conf");
      await writeFile(out, "previous\n");
      // Kea's checker refuses an interface that does not exist here; the console cannot know.
      const r = await cli(["--format", "kea", ...CONSOLE, "--interfaces", "fbnosuch0", "--out", out, "--reload-command", "exit 0"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^kea-dhcp4 -t .* refused the config; .* was left as it was:/);
      expect(r.stderr).toContain("fbnosuch0");
      expect(await readFile(out, "utf8")).toBe("previous\n");
    }, 60_000);

    it("exits 3 when the file was written but the reload failed, and 1 when the directory does not exist", async () => {
      const out = path.join(dir, "dhcpd.conf");
      const r = await cli(["isc", ...CONSOLE, "--out", out, "--reload-command", "echo no such service >&2; exit 5"]);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain("the reload command failed (exit 5)");
      expect(r.stderr).toContain("no such service");
      expect(await readFile(out, "utf8")).toContain("host cli-01");

      const missing = await cli(["isc", ...CONSOLE, "--out", path.join(dir, "nope", "dhcpd.conf")]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("its directory does not exist");
    }, 60_000);

    it("refuses usage that cannot mean anything", async () => {
      expect((await cli(["kea", ...CONSOLE, "--reload-command", "true"])).stderr).toContain("--reload-command needs --out");
      expect((await cli(["kea", "--format", "isc"])).stderr).toContain("give the format once");
      const unknown = await cli(["--format", "bind"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown format "bind"');
      expect((await cli(["kea", "--outfile", "x"])).stderr).toMatch(/Unknown option '--outfile'/);
    }, 60_000);
  });

  describe("--from a console's API, without database credentials", () => {
    let server: Server;
    let from: string;
    let dir: string;
    beforeAll(async () => {
      process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
      // The console's real route handler behind a plain HTTP server.
      server = createServer(async (req, res) => {
        const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
        const format = url.pathname.split("/").pop() ?? "";
        const request = new Request(url, { headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])) });
        const response = await GET(request, { params: Promise.resolve({ format }) });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
      });
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      from = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-dhcp-from-"));
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
      await rm(dir, { recursive: true, force: true });
    });
    const remote = (args: string[], token = ADMIN_TOKEN) => cli(["--from", from, ...args], { DATABASE_URL: "", FLEETBOOT_TOKEN: token });

    it("writes, checks and reloads what the console serves, and leaves an unchanged file alone", async () => {
      const out = path.join(dir, "dnsmasq.conf");
      const first = await remote(["--format", "dnsmasq", "--console", "http://10.40.0.5:3000", "--out", out, "--reload-command", "echo reloaded"]);
      expect(first.stderr).toContain(`${out} created`);
      expect(first.code).toBe(0);
      const served = await (await fetch(`${from}/api/dhcp/dnsmasq?console=http://10.40.0.5:3000`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
      expect(await readFile(out, "utf8")).toBe(served);
      expect(served).toContain("dhcp-host=52:54:00:40:00:11,10.40.0.11,cli-01");
      const again = await remote(["--format", "dnsmasq", "--console", "http://10.40.0.5:3000", "--out", out, "--reload-command", "exit 9"]);
      expect(again.code).toBe(0);
      expect(again.stderr).toContain("is up to date");
    }, 60_000);

    it("says what the console refused: a bad token (1), an unrenderable fleet with its problems (2), no console there (1), no token (2)", async () => {
      const out = path.join(dir, "dhcpd.conf");
      const badToken = await remote(["isc", "--console", "http://10.40.0.5:3000", "--out", out], "wrong-token");
      expect(badToken.code).toBe(1);
      expect(badToken.stderr).toMatch(/answered 401: invalid, expired or revoked token/);

      await db.machine.create({ data: { hostname: "cli-stray-2", ipv4: "10.42.0.9", interfaces: { create: [{ mac: "52:54:00:42:00:09" }] } } });
      try {
        const bad = await remote(["isc", "--console", "http://10.40.0.5:3000", "--out", out]);
        expect(bad.code).toBe(2);
        expect(bad.stderr).toContain("answered 422");
        expect(bad.stderr).toContain("host cli-stray-2: 10.42.0.9 is in no declared subnet");
      } finally {
        await db.machine.delete({ where: { hostname: "cli-stray-2" } });
      }
      await expect(readFile(out, "utf8")).rejects.toThrow();

      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      const nobody = await cli(["isc", "--from", `http://127.0.0.1:${port}`, "--out", out], { DATABASE_URL: "", FLEETBOOT_TOKEN: ADMIN_TOKEN });
      expect(nobody.code).toBe(1);
      expect(nobody.stderr).toContain(`cannot reach http://127.0.0.1:${port}: ECONNREFUSED`);
      const noToken = await remote(["isc"], "");
      expect(noToken.code).toBe(2);
      expect(noToken.stderr).toContain("--from needs an API token in FLEETBOOT_TOKEN");
    }, 60_000);
  });
});
