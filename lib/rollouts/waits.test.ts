import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/secrets/crypto";
import { useTestDatabase } from "@/lib/testing/db";
import { SchedulerLeader } from "./leader";
import { commandRollout, createRollout } from "./mutations";
import { activeRolloutsByRole, getRolloutSummary, listRollouts } from "./queries";
import { RolloutScheduler } from "./scheduler";
import { createRolloutSchema } from "./schema";

// The scheduler's decisions that need no machine to boot: why it waits, what it does with
// a step a dead console left behind, and who leads.

const { url } = useTestDatabase();
process.env.FLEETBOOT_SECRET_KEY = "66".repeat(32);
const actor = { name: "test" };
let closedPort = 0;

async function role(name: string, count: number, extra: { rack?: (i: number) => string } = {}) {
  const r = await db.role.create({ data: { name } });
  for (let i = 1; i <= count; i++) {
    await db.machine.create({
      data: { hostname: `${name}-${i}`, roleId: r.id, state: "ready", rack: extra.rack?.(i) ?? null, bmcType: "redfish", bmcAddress: "127.0.0.1", bmcPort: closedPort, bmcUsername: "u", bmcPasswordEnc: sealSecret("pw") },
    });
  }
  return r;
}

const start = (body: object) => createRollout(createRolloutSchema.parse(body), actor);
const reload = (id: string) => db.rollout.findUniqueOrThrow({ where: { id } });

beforeAll(async () => {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closedPort = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
});

describe("the scheduler waits, and says why", () => {
  it("while the role's unavailability budget is used up by machines already down", async () => {
    await role("budget", 3);
    await db.machine.update({ where: { hostname: "budget-3" }, data: { state: "failed" } });
    const r = await start({ selector: { machines: ["budget-1", "budget-2"] }, batchSize: 2, maxUnavailable: 1 });
    await new RolloutScheduler().tick();
    const row = await reload(r.id);
    expect(row.waitReason).toMatch(/budget is used up: 1 of at most 1 machines of the role are not ready \(budget-3\)/);
    expect(await db.rolloutStep.count({ where: { rolloutId: r.id, state: "pending" } })).toBe(2);
    expect(await db.event.count({ where: { rolloutId: r.id, kind: "rollout.waiting" } })).toBe(1);
    await new RolloutScheduler().tick();
    expect(await db.event.count({ where: { rolloutId: r.id, kind: "rollout.waiting" } })).toBe(1);
    await commandRollout(r.id, "cancel", actor);
  });

  it("outside its maintenance window (database time)", async () => {
    await role("window", 2);
    const [{ hour }] = await db.$queryRaw<{ hour: number }[]>`SELECT extract(hour FROM now() AT TIME ZONE 'UTC')::int AS hour`;
    const at = (h: number) => `${String((hour + h) % 24).padStart(2, "0")}:00`;
    const r = await start({ selector: { role: "window" }, batchSize: 1, window: { start: at(2), end: at(3) } });
    await new RolloutScheduler().tick();
    expect((await reload(r.id)).waitReason).toBe(`Outside the maintenance window (${at(2)}–${at(3)} UTC): machines rebooting now are watched, no new ones start.`);
    expect(await db.rolloutStep.count({ where: { rolloutId: r.id, state: "pending" } })).toBe(2);
    await commandRollout(r.id, "cancel", actor);
  });

  it("after the canary batch until an operator approves", async () => {
    await role("canary", 6);
    const r = await start({ selector: { role: "canary" }, batchSize: 2, canary: 1 });
    // The canary came back healthy.
    await db.rolloutStep.updateMany({ where: { rolloutId: r.id, batch: 1 }, data: { state: "healthy", finishedAt: new Date() } });
    const scheduler = new RolloutScheduler();
    await scheduler.tick();
    expect((await reload(r.id)).waitReason).toMatch(/canary batch is done: waiting for an operator to approve/);
    expect(await db.rolloutStep.count({ where: { rolloutId: r.id, batch: 2, state: "pending" } })).toBe(2);
    // The pages say it waits for someone, with no time left to count down.
    expect(await getRolloutSummary(r.id)).toMatchObject({ state: "running", awaitingApproval: true, remainingSeconds: null });
    expect((await listRollouts()).find((x) => x.id === r.id)?.awaitingApproval).toBe(true);
    // The Fleet page marks the role with it.
    expect((await activeRolloutsByRole()).get("canary")).toEqual([{ id: r.id, label: "canary (reboot)", state: "running", awaitingApproval: true }]);
    await commandRollout(r.id, "approve", actor);
    expect((await getRolloutSummary(r.id)).awaitingApproval).toBe(false);
    await scheduler.tick();
    await scheduler.drain();
    // Batch 2 started; its BMCs refuse the connection, so its steps fail without a reboot and the rollout pauses.
    const steps = await db.rolloutStep.findMany({ where: { rolloutId: r.id, batch: 2 } });
    expect(steps.map((s) => s.state)).toEqual(["failed", "failed"]);
    expect(steps[0].error).toMatch(/connection refused/);
    await scheduler.tick();
    const paused = await reload(r.id);
    expect(paused.state).toBe("paused");
    expect(paused.stateReason).toMatch(/2 machines failed \(threshold 1\)/);
    expect(await db.rolloutStep.count({ where: { rolloutId: r.id, batch: 3, state: "pending" } })).toBe(2);
    // Resuming accepts those failures and goes on; the next pause counts and names only the new ones.
    await commandRollout(r.id, "resume", actor);
    await scheduler.tick();
    await scheduler.drain();
    await scheduler.tick();
    const again = await reload(r.id);
    expect(again.state).toBe("paused");
    expect(again.stateReason).toMatch(/^2 machines failed since the 2 accepted at the last resume \(threshold 1\): canary-\d, canary-\d\./);
    const batch3 = await db.rolloutStep.findMany({ where: { rolloutId: r.id, batch: 3 }, select: { machine: { select: { hostname: true } } } });
    for (const s of batch3) expect(again.stateReason).toContain(s.machine.hostname);
    // When nothing is left it ends as failed, with a reason.
    await commandRollout(r.id, "resume", actor);
    await scheduler.tick();
    await scheduler.drain();
    await scheduler.tick();
    const done = await reload(r.id);
    expect(done).toMatchObject({ state: "failed", stateReason: "5 of 6 machines did not come back healthy" });
    expect(await db.rolloutStep.count({ where: { rolloutId: r.id, active: true } })).toBe(0);
  });
});

describe("after a crash", () => {
  it("a step whose power action nobody is sending is never sent again: it waits for a new boot, then fails at the deadline", async () => {
    await role("orphan", 1);
    const r = await start({ selector: { role: "orphan" }, batchSize: 1, healthTimeoutSeconds: 10 });
    // A console wrote the intent, then died.
    await db.$executeRaw`UPDATE rollout_steps SET state = 'powering', intent_at = now() WHERE rollout_id = ${r.id}::uuid`;
    const scheduler = new RolloutScheduler();
    await scheduler.tick();
    const step = await db.rolloutStep.findFirstOrThrow({ where: { rolloutId: r.id } });
    expect(step.state).toBe("waiting");
    expect(step.note).toMatch(/not power-cycled again/);
    await db.$executeRaw`UPDATE rollout_steps SET intent_at = now() - interval '11 seconds' WHERE id = ${step.id}::uuid`;
    await scheduler.tick();
    await scheduler.drain();
    expect(await db.rolloutStep.findUniqueOrThrow({ where: { id: step.id } })).toMatchObject({ state: "failed", error: expect.stringMatching(/console stopped before recording the power action and no new boot followed/) });
    expect(await db.event.count({ where: { rolloutId: r.id, kind: "power.action" } })).toBe(0);
  });
});

describe("a power action that certainly did not go through", () => {
  it("fails the step with why, beside the failed power action's own record", async () => {
    await role("refused", 1);
    // Credentials in order; nothing listens on the BMC's port.
    await db.machine.update({ where: { hostname: "refused-1" }, data: { bmcPasswordEnc: sealSecret("pw") } });
    const r = await start({ selector: { role: "refused" }, batchSize: 1, healthTimeoutSeconds: 10 });
    const scheduler = new RolloutScheduler();
    await scheduler.tick();
    await scheduler.drain();
    const step = await db.rolloutStep.findFirstOrThrow({ where: { rolloutId: r.id } });
    expect(step).toMatchObject({ state: "failed", poweredAt: null, method: null });
    expect(step.note).toMatch(/^no power action went through \(redfish: /);
    expect(step.error).toMatch(/^redfish: /);
    const events = await db.event.findMany({ where: { rolloutId: r.id, kind: { in: ["power.action", "rollout.step"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.kind, (e.payload as { outcome?: string; state?: string }).outcome ?? (e.payload as { state?: string }).state])).toEqual([
      ["rollout.step", "powering"],
      ["power.action", "failed"],
      ["rollout.step", "failed"],
    ]);
  });
});

describe("leadership", () => {
  let a: SchedulerLeader | undefined;
  let b: SchedulerLeader | undefined;
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("has one leader at a time; another takes over when it stops", async () => {
    a = new SchedulerLeader(url(), { followMs: 200, pollMs: 200 });
    b = new SchedulerLeader(url(), { followMs: 200, pollMs: 200 });
    await a.start();
    await b.start();
    const until = async (cond: () => boolean) => {
      for (let i = 0; i < 50 && !cond(); i++) await new Promise((r) => setTimeout(r, 100));
      return cond();
    };
    expect(await until(() => a!.leader || b!.leader)).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect([a.leader, b.leader].filter(Boolean)).toHaveLength(1);
    const [lead, follow] = a.leader ? [a, b] : [b, a];
    await lead.stop();
    expect(await until(() => follow.leader)).toBe(true);
  });
});
