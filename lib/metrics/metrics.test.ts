import { beforeAll, describe, expect, it } from "vitest";
import { GET as ipxe } from "@/app/api/boot/ipxe/route";
import { GET as metrics } from "@/app/api/metrics/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY ??= "44".repeat(32);

const scrape = async () => {
  const res = await metrics(apiRequest("/api/metrics"), undefined);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
};
/** The value of one series, e.g. value(text, 'fleetboot_machines{role="storage",state="ready"}'). */
function value(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}
const boot = (mac: string) => ipxe(apiRequest(`/api/boot/ipxe?mac=${mac}`, { token: null }));

beforeAll(async () => {
  const image = await db.image.create({ data: { name: "debian" } });
  const [v1, v2] = await Promise.all(["1.0", "2.0"].map((version) => db.imageVersion.create({ data: { imageId: image.id, version, kernelPath: "d/vmlinuz", initrdPath: "d/initrd.img", squashfsPath: "d/filesystem.squashfs" } })));
  const storage = await db.role.create({ data: { name: "storage", desiredVersionId: v2.id } });
  await db.mirror.create({ data: { name: "m1", baseUrl: "http://10.9.0.10/img" } });
  const machine = (hostname: string, data: object, mac?: string) =>
    db.machine.create({ data: { hostname, ...data, ...(mac ? { interfaces: { create: [{ mac }] } } : {}) } });
  await machine("s-1", { roleId: storage.id, state: "ready", bootedVersionId: v2.id });
  await machine("s-2", { roleId: storage.id, state: "ready", bootedVersionId: v1.id, maintenance: true });
  await machine("s-3", { roleId: storage.id, state: "failed" }, "52:54:00:0c:00:03");
  await machine("loose-1", { state: "new" });
  await db.unknownMac.create({ data: { mac: "52:54:00:0c:ff:01" } });
});

describe("GET /api/metrics", () => {
  it("requires a token", async () => {
    expect((await metrics(apiRequest("/api/metrics", { token: null }), undefined)).status).toBe(401);
  });

  it("exposes the fleet by role and state, its versions, and the inbox", async () => {
    const text = await scrape();
    expect(text).toContain("# TYPE fleetboot_machines gauge");
    expect(value(text, 'fleetboot_machines{role="storage",state="ready"}')).toBe(2);
    expect(value(text, 'fleetboot_machines{role="storage",state="failed"}')).toBe(1);
    // Every state is present for a role with machines, at 0 when none is in it.
    expect(value(text, 'fleetboot_machines{role="storage",state="booting"}')).toBe(0);
    expect(value(text, 'fleetboot_machines{role="",state="new"}')).toBe(1);
    expect(value(text, 'fleetboot_machines_maintenance{role="storage"}')).toBe(1);
    expect(value(text, 'fleetboot_role_desired_version_info{role="storage",version="debian:2.0"}')).toBe(1);
    expect(value(text, 'fleetboot_role_machines_converged{role="storage"}')).toBe(1);
    expect(value(text, 'fleetboot_role_machines_drifted{role="storage"}')).toBe(1);
    expect(value(text, 'fleetboot_role_machines_never_reported{role="storage"}')).toBe(1);
    expect(value(text, 'fleetboot_role_version_machines{role="storage",version="debian:1.0",desired="false"}')).toBe(1);
    expect(value(text, 'fleetboot_unknown_macs')).toBe(1);
    expect(value(text, 'fleetboot_deployments{status="running"}')).toBe(0);
    expect(value(text, 'fleetboot_rollouts{state="running"}')).toBe(0);
    // Node's own process metrics come along.
    expect(text).toMatch(/^fleetboot_process_cpu_seconds_total \d/m);
  });

  it("counts the boot scripts it answered by outcome, and follows the fleet as it changes", async () => {
    const before = await scrape();
    const count = (text: string, outcome: string) => value(text, `fleetboot_boot_scripts_total{outcome="${outcome}"}`) ?? 0;
    expect((await boot("52:54:00:0c:00:03")).status).toBe(200);
    expect((await boot("52-54-00-0c-ff-02")).status).toBe(200);
    expect((await boot("not-a-mac")).status).toBe(400);
    const after = await scrape();
    expect(count(after, "boot") - count(before, "boot")).toBe(1);
    expect(count(after, "unknown") - count(before, "unknown")).toBe(1);
    expect(count(after, "invalid") - count(before, "invalid")).toBe(1);
    expect(value(after, 'fleetboot_machines{role="storage",state="booting"}')).toBe(1);
    expect(value(after, 'fleetboot_machines{role="storage",state="failed"}')).toBe(0);
    expect(value(after, "fleetboot_unknown_macs")).toBe(2);
    expect(value(after, "fleetboot_last_event_id")).toBeGreaterThan(value(before, "fleetboot_last_event_id") ?? 0);
    expect(after).toMatch(/^fleetboot_boot_batch_seconds_count\{stage="write"\} [1-9]/m);
  });

  it("leaves no series behind for a role that is gone", async () => {
    await db.machine.deleteMany({ where: { hostname: "loose-1" } });
    const text = await scrape();
    expect(value(text, 'fleetboot_machines{role="",state="new"}')).toBeUndefined();
  });
});
