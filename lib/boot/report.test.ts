import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/boot/report/route";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { apiRequest, useTestDatabase } from "@/lib/testing/db";
import { until } from "@/lib/testing/until";
import { issueBootToken } from "./token";

const { url } = useTestDatabase();
afterAll(async () => {
  await stopBoss();
});

let machineId = "";
let versionId = "";

// What serving a boot script does to the machine (lib/boot/mutations.ts), for one machine.
async function serveScript() {
  const issued = issueBootToken(machineId);
  await db.machine.update({ where: { id: machineId }, data: { state: "booting", bootTokenHash: issued.tokenHash, bootTokenIssuedAt: new Date(), bootId: issued.bootId } });
  await db.event.create({ data: { kind: "boot.script_served", machineId, payload: { bootId: issued.bootId, versionId } } });
  return issued;
}

const report = (body: unknown, headers: Record<string, string> = {}) => POST(apiRequest("/api/boot/report", { method: "POST", token: null, body, headers }), undefined);

beforeAll(async () => {
  const image = await db.image.create({ data: { name: "img" } });
  versionId = (await db.imageVersion.create({ data: { imageId: image.id, version: "2.0", kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs" } })).id;
  const role = await db.role.create({ data: { name: "storage", desiredVersionId: versionId } });
  machineId = (await db.machine.create({ data: { hostname: "stor-01", roleId: role.id, ipv4: "10.9.0.5", interfaces: { create: [{ mac: "52:54:00:aa:01:01" }] } } })).id;
});

describe("POST /api/boot/report", () => {
  it("accepts the current boot's token, records the booted version and queues one deployment", async () => {
    const { token, bootId } = await serveScript();
    const res = await report({ mac: "52-54-00-AA-01-01", ip: "10.9.0.5", token, image: "img:2.0" });
    expect(res.status).toBe(202);
    const body = await res.json();
    expect(body.machine).toMatchObject({ hostname: "stor-01", state: "deploying" });
    const m = await db.machine.findUniqueOrThrow({ where: { id: machineId } });
    expect(m.bootedVersionId).toBe(versionId);
    expect(await db.deployment.count({ where: { machineId, bootId, trigger: "report" } })).toBe(1);
  });

  it("starts one deployment for 50 concurrent retries of one boot", async () => {
    const { token, bootId } = await serveScript();
    const results = await Promise.all(Array.from({ length: 50 }, () => report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(202));
    const ids = new Set(await Promise.all(results.map(async (r) => (await r.json()).deployment.id)));
    expect(ids.size).toBe(1);
    expect(await db.deployment.count({ where: { machineId, bootId } })).toBe(1);
  });

  it("refuses a wrong token and a stale boot's token, with an event and no state change", async () => {
    const old = await serveScript();
    await serveScript();
    const before = await db.machine.findUniqueOrThrow({ where: { id: machineId } });
    const stale = await report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token: old.token });
    expect(stale.status).toBe(403);
    const wrong = await report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token: "x".repeat(43) });
    expect(wrong.status).toBe(403);
    const malformed = await report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token: "short" });
    expect(malformed.status).toBe(401);
    const after = await db.machine.findUniqueOrThrow({ where: { id: machineId } });
    expect(after.state).toBe(before.state);
    expect(await db.event.count({ where: { machineId, kind: "boot.report_rejected" } })).toBe(3);
  });

  it("refuses a report whose boot is replaced while it waits for the machine, writing nothing of it", async () => {
    const first = await serveScript();
    const deployments = await db.deployment.count();
    // Another transaction holds the machine: the report reads the boot as current, then waits.
    const other = new pg.Client({ connectionString: url() });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("SELECT 1 FROM machines WHERE id = $1 FOR UPDATE", [machineId]);
      const pending = report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token: first.token });
      await until("the report to wait for the machine's lock", async () => {
        const { rows } = await other.query("SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted");
        return rows[0].n > 0;
      }, 10_000);
      // Meanwhile the machine is served a new script: a new boot and token.
      const second = issueBootToken(machineId);
      await other.query("UPDATE machines SET boot_token_hash = $2, boot_id = $3 WHERE id = $1", [machineId, second.tokenHash, second.bootId]);
      await other.query("COMMIT");
      const res = await pending;
      expect(res.status).toBe(403);
    } finally {
      await other.end();
    }
    expect(await db.deployment.count()).toBe(deployments);
    expect(await db.event.count({ where: { machineId, kind: "boot.reported", payload: { path: ["bootId"], equals: first.bootId } } })).toBe(0);
    // The deploy job sent in the same transaction went with it.
    const [{ orphans }] = await db.$queryRaw<{ orphans: number }[]>`
      SELECT count(*)::int AS orphans FROM pgboss.job j
      WHERE j.name = 'deploy' AND NOT EXISTS (SELECT 1 FROM deployments d WHERE d.id::text = j.data->>'deploymentId')`;
    expect(orphans).toBe(0);
  });

  it("answers reports that arrive together each on its own: written, refused, unknown, and an address two machines claim", async () => {
    const role = await db.role.findFirstOrThrow({ where: { name: "storage" } });
    const fleet = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.machine.create({ data: { hostname: `batch-${i}`, roleId: role.id, ipv4: i < 10 ? `10.9.1.${i + 1}` : null, interfaces: { create: [{ mac: `52:54:00:bb:00:${(i + 16).toString(16)}` }] } } }),
      ),
    );
    const issued = await Promise.all(
      fleet.map(async (m) => {
        const boot = issueBootToken(m.id);
        await db.machine.update({ where: { id: m.id }, data: { state: "booting", bootTokenHash: boot.tokenHash, bootTokenIssuedAt: new Date(), bootId: boot.bootId } });
        return boot;
      }),
    );
    const mac = (i: number) => `52:54:00:bb:00:${(i + 16).toString(16)}`;
    const jobsBefore = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deploy'`;
    const bodies = [
      ...fleet.slice(0, 9).map((m, i) => ({ mac: mac(i), ip: `10.9.1.${i + 1}`, token: issued[i].token })),
      { mac: mac(9), ip: "10.9.1.10", token: issueBootToken(fleet[9].id).token }, // a token of another boot
      { mac: "52:54:00:bb:ff:ff", ip: "10.9.1.99", token: issued[0].token }, // nobody's MAC
      // Two machines without an address say they have the same one.
      { mac: mac(10), ip: "10.9.1.50", token: issued[10].token },
      { mac: mac(11), ip: "10.9.1.50", token: issued[11].token },
      // A retry of the first report, in the same moment.
      { mac: mac(0), ip: "10.9.1.1", token: issued[0].token },
    ];
    // Each from its own address: the per-source rate limit is not what this is about.
    const answers = await Promise.all(bodies.map((b, i) => report(b, { "x-forwarded-for": `10.9.2.${i + 1}` })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202, 202, 202, 202, 202, 202, 202, 403, 404, 202, 202, 202]);
    const deployments = await db.deployment.findMany({ where: { machineId: { in: fleet.map((m) => m.id) } } });
    // One deployment per machine that reported with its token, the retry included.
    expect(new Set(deployments.map((d) => d.machineId)).size).toBe(11);
    expect(deployments).toHaveLength(11);
    const retried = await answers[13].json();
    expect(retried.deployment.id).toBe(deployments.find((d) => d.machineId === fleet[0].id)?.id);
    const after = await db.machine.findMany({ where: { id: { in: fleet.map((m) => m.id) } }, orderBy: { hostname: "asc" } });
    expect(after.filter((m) => m.state === "deploying")).toHaveLength(11);
    expect(after.find((m) => m.id === fleet[9].id)?.state).toBe("booting");
    // The address went to exactly one of the two.
    expect(after.filter((m) => m.ipv4 === "10.9.1.50")).toHaveLength(1);
    const jobsAfter = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'deploy'`;
    expect(jobsAfter[0].n - jobsBefore[0].n).toBe(11);
    expect(await db.event.count({ where: { kind: "boot.reported", machineId: { in: fleet.map((m) => m.id) } } })).toBe(11);
    expect(await db.event.count({ where: { kind: "boot.report_rejected", machineId: fleet[9].id } })).toBe(1);
  });

  it("answers an unknown MAC with 404, a bad MAC with 400, an oversized body with 413", async () => {
    expect((await report({ mac: "52:54:00:aa:09:09", ip: "10.9.0.9", token: "x".repeat(43) })).status).toBe(404);
    expect((await report({ mac: "52:54:00:aa:09", ip: "10.9.0.9", token: "x".repeat(43) })).status).toBe(400);
    expect((await report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token: "x", hostname: "h".repeat(5000) })).status).toBe(413);
  });

  it("refuses sources outside the allowed boot networks, with an event", async () => {
    process.env.FLEETBOOT_BOOT_NETWORKS = "10.20.0.0/16";
    try {
      const res = await report({ mac: "52:54:00:aa:01:01", ip: "10.9.0.5", token: "x".repeat(43) }, { "x-forwarded-for": "127.0.0.1" });
      expect(res.status).toBe(403);
      expect(await db.event.count({ where: { kind: "boot.source_refused" } })).toBeGreaterThan(0);
    } finally {
      delete process.env.FLEETBOOT_BOOT_NETWORKS;
    }
  });
});

describe("boot endpoints from a disallowed network", () => {
  it("answer 403 with an iPXE script and record an event", async () => {
    const { GET } = await import("@/app/api/boot/ipxe/route");
    process.env.FLEETBOOT_BOOT_NETWORKS = "10.20.0.0/16";
    try {
      const res = await GET(new Request("http://console.test/api/boot/ipxe?mac=52:54:00:aa:01:01", { headers: { "x-forwarded-for": "127.0.0.1" } }));
      expect(res.status).toBe(403);
      expect((await res.text()).startsWith("#!ipxe")).toBe(true);
      expect(await db.event.count({ where: { kind: "boot.source_refused", payload: { path: ["path"], equals: "/api/boot/ipxe" } } })).toBe(1);
    } finally {
      delete process.env.FLEETBOOT_BOOT_NETWORKS;
    }
  });
});
