import { execFile } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";

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
    expect((await cli(["bind"])).stderr).toMatch(/^usage:/);
  }, 60_000);
});
