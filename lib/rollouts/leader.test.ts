import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { sealSecret } from "@/lib/secrets/crypto";
import { useTestDatabase } from "@/lib/testing/db";
import { SchedulerLeader } from "./leader";
import { commandRollout, createRollout } from "./mutations";
import { createRolloutSchema } from "./schema";

// How often the leader ticks: on its poll when nothing happens, and promptly but coalesced
// when events stream in. Each tick queries every running or paused rollout, so a leader
// that ticks back to back keeps a core of the console and of PostgreSQL busy.

const { url } = useTestDatabase();
process.env.FLEETBOOT_SECRET_KEY = "88".repeat(32);
let leader: SchedulerLeader | undefined;

function countTicks(l: SchedulerLeader) {
  const tick = l.scheduler.tick.bind(l.scheduler);
  const counter = { n: 0 };
  l.scheduler.tick = () => {
    counter.n++;
    return tick();
  };
  return counter;
}

beforeAll(async () => {
  const role = await db.role.create({ data: { name: "quiet" } });
  await db.machine.create({ data: { hostname: "quiet-1", roleId: role.id, state: "ready", bmcType: "redfish", bmcAddress: "127.0.0.1", bmcPort: 9, bmcUsername: "u", bmcPasswordEnc: sealSecret("pw") } });
  const r = await createRollout(createRolloutSchema.parse({ selector: { role: "quiet" }, batchSize: 1 }), { name: "test" });
  // Paused: ticked on every pass, with nothing to do.
  await commandRollout(r.id, "pause", { name: "test" });
});

afterEach(async () => {
  await leader?.stop();
  leader = undefined;
});

describe("the scheduler leader", () => {
  it("ticks on its poll when nothing happens: its own ticks do not wake it", async () => {
    leader = new SchedulerLeader(url(), { pollMs: 500 });
    const ticks = countTicks(leader);
    await leader.start();
    await new Promise((r) => setTimeout(r, 2500));
    expect(leader.leader).toBe(true);
    expect(ticks.n).toBeGreaterThanOrEqual(3);
    expect(ticks.n).toBeLessThanOrEqual(8);
  });

  it("keeps ticking while events stream in, coalesced to one tick per 50 ms at most", async () => {
    leader = new SchedulerLeader(url(), { pollMs: 60_000 });
    const ticks = countTicks(leader);
    await leader.start();
    await new Promise((r) => setTimeout(r, 300));
    const before = ticks.n;
    const end = Date.now() + 2000;
    while (Date.now() < end) {
      await db.event.create({ data: { kind: "test.noise", payload: {} } });
      await new Promise((r) => setTimeout(r, 10));
    }
    const during = ticks.n - before;
    expect(during).toBeGreaterThanOrEqual(5);
    expect(during).toBeLessThanOrEqual(40);
  });
});
