import { beforeAll, describe, expect, it } from "vitest";
import { POST as approve } from "@/app/api/rollouts/[id]/approve/route";
import { defaultRolloutName } from "./default-name";
import { POST as cancel } from "@/app/api/rollouts/[id]/cancel/route";
import { POST as pause } from "@/app/api/rollouts/[id]/pause/route";
import { POST as resume } from "@/app/api/rollouts/[id]/resume/route";
import { GET as getOne } from "@/app/api/rollouts/[id]/route";
import { GET as list, POST as create } from "@/app/api/rollouts/route";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/secrets/crypto";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_SECRET_KEY = "55".repeat(32);
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const tokens: Record<string, string> = {};
const post = (body: unknown, opts: { token?: string; headers?: Record<string, string> } = {}) => create(apiRequest("/api/rollouts", { method: "POST", body, ...opts }), undefined);
const command = (fn: typeof pause, id: string, token?: string) => fn(apiRequest(`/api/rollouts/${id}/x`, { method: "POST", token }), params({ id }));

beforeAll(async () => {
  for (const role of ["viewer", "operator"] as const) {
    const user = await createUser({ email: `${role}@rollouts.test`, role, password: "a-long-password-1" }, "test");
    tokens[role] = (await createApiToken({ name: role, role }, { userId: user.id, role, name: user.email })).secret;
  }
  const image = await db.image.create({ data: { name: "os" } });
  const v1 = await db.imageVersion.create({ data: { imageId: image.id, version: "1", kernelPath: "k", initrdPath: "i", squashfsPath: "f", status: "stable" } });
  await db.imageVersion.create({ data: { imageId: image.id, version: "2", kernelPath: "k", initrdPath: "i", squashfsPath: "f" } });
  await db.imageVersion.create({ data: { imageId: image.id, version: "0", kernelPath: "k", initrdPath: "i", squashfsPath: "f", status: "retired" } });
  const storage = await db.role.create({ data: { name: "storage", desiredVersionId: v1.id } });
  const web = await db.role.create({ data: { name: "web" } });
  const bmc = { bmcType: "redfish" as const, bmcAddress: "127.0.0.1", bmcUsername: "u", bmcPasswordEnc: sealSecret("pw") };
  for (let i = 1; i <= 12; i++) {
    const n = String(i).padStart(2, "0");
    await db.machine.create({ data: { hostname: `st-${n}`, roleId: storage.id, rack: `r${((i - 1) % 3) + 1}`, state: "ready", tags: i <= 6 ? ["east"] : [], ...bmc } });
  }
  await db.machine.update({ where: { hostname: "st-12" }, data: { maintenance: true } });
  await db.machine.update({ where: { hostname: "st-11" }, data: { bmcType: null, bmcAddress: null } });
  // A BMC without its password: its step could only fail, so the preview leaves it out.
  await db.machine.create({ data: { hostname: "st-13", roleId: storage.id, rack: "r1", state: "ready", ...bmc, bmcPasswordEnc: null } });
  for (let i = 1; i <= 4; i++) await db.machine.create({ data: { hostname: `web-${i}`, roleId: web.id, rack: "r9", state: "ready", ...bmc } });
});

describe("POST /api/rollouts with dryRun", () => {
  it("leaves out a machine whose stored BMC address or user its power driver would refuse", async () => {
    const role = await db.role.findFirstOrThrow({ where: { name: "storage" } });
    const bmc = { bmcType: "ipmi" as const, bmcUsername: "u", bmcPasswordEnc: sealSecret("pw") };
    await db.machine.create({ data: { hostname: "odd-1", roleId: role.id, state: "ready", ...bmc, bmcAddress: "10.0.0.1:623" } });
    await db.machine.create({ data: { hostname: "odd-2", roleId: role.id, state: "ready", ...bmc, bmcAddress: "10.0.0.2", bmcUsername: "-oProxyCommand=x" } });
    try {
      const res = await post({ selector: { machines: ["odd-1", "odd-2"] }, batchSize: 1, dryRun: true });
      expect(res.status).toBe(200);
      expect((await res.json()).excluded).toEqual([
        { hostname: "odd-1", reason: 'no power driver: BMC address "10.0.0.1:623" includes a port: put 623 in the port field' },
        { hostname: "odd-2", reason: 'no power driver: its BMC user name "-oProxyCommand=x" may only hold letters, digits and . _ @ - and must not start with . @ or -' },
      ]);
    } finally {
      await db.machine.deleteMany({ where: { hostname: { in: ["odd-1", "odd-2"] } } });
    }
  });

  it("shows the batches, what each waits for and why machines are left out, and writes nothing", async () => {
    const res = await post({ selector: { role: "storage" }, batchSize: "50%", perRack: 1, canary: true, dryRun: true });
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan.batches.map((b: string[]) => b.length)).toEqual([1, 3, 3, 3]);
    expect(plan.excluded).toEqual([
      { hostname: "st-11", reason: "no power driver: no BMC configured" },
      { hostname: "st-12", reason: "in maintenance" },
      { hostname: "st-13", reason: "no power driver: no BMC password stored" },
    ]);
    expect(plan.details[0]).toMatchObject({ batch: 1, canary: true });
    expect(plan.details[1].waitsFor).toMatch(/canary batch is healthy and an operator approves/);
    expect(plan.details[2].waitsFor).toMatch(/at most 1 per rack/);
    expect(await db.rollout.count()).toBe(0);
  });

  it("takes ids wherever it takes names", async () => {
    const role = await db.role.findUniqueOrThrow({ where: { name: "web" } });
    const web1 = await db.machine.findUniqueOrThrow({ where: { hostname: "web-1" } });
    const byId = await (await post({ selector: { role: role.id }, batchSize: 4, dryRun: true })).json();
    expect(byId.batches.flat().sort()).toEqual(["web-1", "web-2", "web-3", "web-4"]);
    const mixed = await (await post({ selector: { machines: [web1.id.toUpperCase(), "web-2"] }, batchSize: 4, dryRun: true })).json();
    expect(mixed.batches.flat().sort()).toEqual(["web-1", "web-2"]);
    const unknown = await (await post({ selector: { machines: ["00000000-0000-4000-8000-000000000000"] }, batchSize: 1, dryRun: true })).json();
    expect(unknown.error.message).toMatch(/no machine named 00000000-0000-4000-8000-000000000000/);
  });

  it("says when the target version is of another image than the role boots", async () => {
    const alt = await db.image.create({ data: { name: "alt-os" } });
    await db.imageVersion.create({ data: { imageId: alt.id, version: "7", kernelPath: "k", initrdPath: "i", squashfsPath: "f" } });
    const other = await (await post({ selector: { role: "storage" }, batchSize: 2, imageVersion: "alt-os:7", dryRun: true })).json();
    expect(other.imageChange).toEqual({ from: "os", to: "alt-os" });
    // Also when every machine of the role is left out.
    const none = await (await post({ selector: { role: "storage", machines: ["st-12"] }, batchSize: 2, imageVersion: "alt-os:7", dryRun: true })).json();
    expect(none).toMatchObject({ batches: [], role: "storage", imageChange: { from: "os", to: "alt-os" } });
    const same = await (await post({ selector: { role: "storage" }, batchSize: 2, imageVersion: "os:2", dryRun: true })).json();
    expect(same.imageChange).toBeNull();
    expect(await db.rollout.count()).toBe(0);
  });

  it("rejects bad input with the field that caused it", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ selector: { role: "nope" }, batchSize: 1, dryRun: true }, "selector.role", /no role "nope"/],
      [{ selector: {}, batchSize: 1 }, "selector", /choose machines/],
      [{ selector: { role: "storage" }, batchSize: "0%" }, "batchSize", /at least 1/],
      [{ selector: { role: "storage" }, batchSize: "ten" }, "batchSize", /count like 5 or a percentage/],
      [{ selector: { role: "storage" }, batchSize: 1e20 }, "batchSize", /at most 100,000 machines/],
      [{ selector: { role: "storage" }, batchSize: 1.5 }, "batchSize", /count like 5/],
      [{ selector: { role: "storage" }, batchSize: 2, canary: 5, dryRun: true }, "canary", /a canary of 5 machines is larger than a batch \(2\)/],
      [{ selector: { machines: ["st-01", "st-99"] }, batchSize: 1 }, "selector.machines", /no machine named st-99/],
      [{ selector: { rack: "r9", tag: "east" }, batchSize: 1 }, "selector", /matches no machine/],
      [{ selector: { machines: ["st-01", "web-1"] }, batchSize: 1, imageVersion: "os:2" }, "imageVersion", /one role/],
      [{ selector: { role: "storage" }, batchSize: 1, imageVersion: "os:0" }, "imageVersion", /retired/],
      [{ selector: { role: "storage" }, batchSize: 1, imageVersion: "os:9" }, "imageVersion", /no version "9"/],
      [{ selector: { role: "storage" }, batchSize: 1, window: { start: "25:00", end: "03:00" } }, "window.start", /time of day/],
      [{ selector: { role: "storage" }, batchSize: 1, window: { start: "01:00", end: "03:00", timezone: "Mars/Olympus" } }, "window.timezone", /IANA time zone/],
      [{ selector: { role: "storage" }, batchSize: 1, powerOrder: ["ssh", "ssh"] }, "powerOrder", /twice/],
      [{ selector: { role: "storage" }, batchSize: 1, surprise: true }, "", /surprise/],
    ];
    for (const [body, path, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const { error } = await res.json();
      expect(error.message, JSON.stringify(body)).toMatch(message);
      if (path) expect(error.details.fields.map((f: { path: string }) => f.path), JSON.stringify(body)).toContain(path);
    }
    expect(await db.rollout.count()).toBe(0);
  });
});

describe("creating and steering a rollout", () => {
  let id = "";

  it("refuses viewers and records the refusal", async () => {
    const res = await post({ selector: { role: "web" }, batchSize: 1 }, { token: tokens.viewer });
    expect(res.status).toBe(403);
    expect(await db.auditEntry.count({ where: { actor: { contains: "viewer@rollouts.test" } } })).toBeGreaterThan(0);
  });

  it("creates it with its steps, makes the target the role's desired version, and is idempotent per request key", async () => {
    const body = { name: "storage to 2", selector: { role: "storage", tag: "east" }, imageVersion: "os:2", batchSize: 2, maxUnavailable: 2 };
    const res = await post(body, { token: tokens.operator, headers: { "idempotency-key": "key-0123456789" } });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created).toMatchObject({ state: "running", batches: [expect.any(Array), expect.any(Array), expect.any(Array)] });
    id = created.id;
    const again = await post(body, { token: tokens.operator, headers: { "idempotency-key": "key-0123456789" } });
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(id);
    expect(await db.rollout.count()).toBe(1);

    const role = await db.role.findUniqueOrThrow({ where: { name: "storage" }, include: { desiredVersion: true } });
    expect(role.desiredVersion?.version).toBe("2");
    expect(await db.auditEntry.count({ where: { action: "rollout.create", targetId: id } })).toBe(1);
    expect(await db.auditEntry.count({ where: { action: "role.update", targetId: role.id } })).toBe(1);

    const detail = await (await getOne(apiRequest(`/api/rollouts/${id}`), params({ id }))).json();
    expect(detail).toMatchObject({ id, state: "running", total: 6, counts: { pending: 6 }, targetVersion: "os:2" });
    expect(detail.steps.map((s: { hostname: string; batch: number; state: string }) => [s.hostname, s.batch, s.state])).toEqual([
      // Round robin over the racks (r1: 01, 04; r2: 02, 05; r3: 03, 06), listed by batch, rack, name.
      ["st-01", 1, "pending"], ["st-02", 1, "pending"], ["st-05", 2, "pending"], ["st-03", 2, "pending"], ["st-04", 3, "pending"], ["st-06", 3, "pending"],
    ]);
    const listed = await (await list(apiRequest("/api/rollouts", { token: tokens.viewer }), undefined)).json();
    expect(listed.items.map((r: { id: string }) => r.id)).toEqual([id]);
  });

  it("leaves machines of a running rollout out of the next, and refuses one that has nothing left", async () => {
    const plan = await (await post({ selector: { role: "storage" }, batchSize: 10, dryRun: true })).json();
    expect(plan.excluded.filter((e: { reason: string }) => e.reason.startsWith("already in rollout storage to 2"))).toHaveLength(6);
    const res = await post({ selector: { role: "storage", tag: "east" }, batchSize: 1 });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/every selected machine is left out \(already in rollout storage to 2\)/);
  });

  it("lets two simultaneous requests for the same machines start one rollout", async () => {
    const body = { selector: { role: "web" }, batchSize: 1 };
    const answers = await Promise.all([post(body), post(body), post(body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    const web = await db.rolloutStep.groupBy({ by: ["machineId"], where: { active: true, machine: { role: { name: "web" } } }, _count: { _all: true } });
    expect(web).toHaveLength(4);
    expect(web.every((g) => g._count._all === 1)).toBe(true);
  });

  it("enforces one active rollout per machine in the database itself", async () => {
    const machine = await db.machine.findUniqueOrThrow({ where: { hostname: "st-01" } });
    const other = await db.rollout.create({ data: { selector: {}, batchSize: 1 } });
    await expect(db.rolloutStep.create({ data: { rolloutId: other.id, machineId: machine.id, batch: 1 } })).rejects.toThrow();
    await db.rollout.delete({ where: { id: other.id } });
  });

  it("pauses, resumes and cancels idempotently, for operators only", async () => {
    expect((await command(pause, id, tokens.viewer)).status).toBe(403);
    for (let i = 0; i < 2; i++) {
      const res = await command(pause, id, tokens.operator);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id, state: "paused", changed: i === 0 });
    }
    expect((await db.rollout.findUniqueOrThrow({ where: { id } })).stateReason).toMatch(/^paused by .*operator/);
    expect(await (await command(resume, id, tokens.operator)).json()).toMatchObject({ state: "running", changed: true });
    expect(await (await command(resume, id, tokens.operator)).json()).toMatchObject({ state: "running", changed: false });
    const noCanary = await command(approve, id, tokens.operator);
    expect(noCanary.status).toBe(409);
    expect(await (await command(cancel, id, tokens.operator)).json()).toMatchObject({ state: "cancelled", changed: true });
    expect(await (await command(cancel, id, tokens.operator)).json()).toMatchObject({ state: "cancelled", changed: false });
    const late = await command(resume, id, tokens.operator);
    expect(late.status).toBe(409);
    expect((await late.json()).error.message).toMatch(/already been cancelled/);
    expect(await db.rolloutStep.count({ where: { rolloutId: id, active: true } })).toBe(0);
    expect(await db.rolloutStep.count({ where: { rolloutId: id, state: "cancelled" } })).toBe(6);
    const actions = (await db.auditEntry.findMany({ where: { targetId: id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["rollout.create", "rollout.pause", "rollout.resume", "rollout.cancel"]);
    // Its machines are free again.
    const plan = await (await post({ selector: { role: "storage", tag: "east" }, batchSize: 1, dryRun: true })).json();
    expect(plan.excluded).toEqual([]);
  });

  it("names a rollout sent without a name after what it reboots and onto what", () => {
    expect(defaultRolloutName({ selector: { role: "storage" }, imageVersion: "os:2" }, "storage", 12)).toBe("storage onto os:2");
    expect(defaultRolloutName({ selector: { role: "storage", rack: "r1" } }, "storage", 4)).toBe("rack r1 of storage (reboot)");
    expect(defaultRolloutName({ selector: { machines: ["a", "b"] } }, "web", 2)).toBe("2 machines of web (reboot)");
    expect(defaultRolloutName({ selector: { tag: "east" } }, null, 3)).toBe("tag east (reboot)");
  });

  it("refuses to approve a finished rollout's canary, even one approved before", async () => {
    const done = await db.rollout.create({ data: { selector: {}, batchSize: 1, canary: true, canaryApprovedAt: new Date(), state: "cancelled", finishedAt: new Date() } });
    try {
      const res = await command(approve, done.id, tokens.operator);
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe("the rollout has already been cancelled; there is nothing to approve");
    } finally {
      await db.rollout.delete({ where: { id: done.id } });
    }
  });

  it("answers 404 for an unknown rollout", async () => {
    expect((await command(pause, "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await getOne(apiRequest("/api/rollouts/nope"), params({ id: "nope" }))).status).toBe(404);
  });
});

describe("one request sent many times at once", () => {
  it("with one Idempotency-Key creates one rollout, and every repeat gets it", async () => {
    const role = await db.role.create({ data: { name: "idem" } });
    for (const n of [1, 2]) await db.machine.create({ data: { hostname: `idem-${n}`, roleId: role.id, state: "ready", bmcType: "redfish", bmcAddress: "127.0.0.1", bmcUsername: "u", bmcPasswordEnc: sealSecret("pw") } });
    const body = { selector: { role: "idem" }, batchSize: 1 };
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(body, { headers: { "idempotency-key": "idem-key-0123456789" } })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(await Promise.all(answers.map(async (r) => (await r.json()).id)));
    expect(ids.size).toBe(1);
    expect(await db.rollout.count({ where: { requestKey: "idem-key-0123456789" } })).toBe(1);
  });
});

