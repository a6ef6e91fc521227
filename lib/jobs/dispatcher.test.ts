import { PgBoss } from "pg-boss";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db";
import { until } from "@/lib/testing/until";
import { JobDispatcher } from "./dispatcher";

// The deploy queue's fetch loop against a real pg-boss: slots respected, a wake fetches at
// once (the poll is a minute here), one fetch per wake rather than one per slot, failures
// retried, heartbeats refreshed, and a stop hands unfinished jobs back.

const { url } = useTestDatabase();
let boss: PgBoss;
let fetches = 0;
let client: pg.Client;

beforeAll(async () => {
  boss = new PgBoss({ connectionString: url(), max: 4, superviseIntervalSeconds: 60 });
  await boss.start();
  const fetch = boss.fetch.bind(boss);
  boss.fetch = ((name: string, options: object) => {
    fetches++;
    return fetch(name, options);
  }) as typeof boss.fetch;
  client = new pg.Client({ connectionString: url() });
  await client.connect();
});

afterAll(async () => {
  await client.end();
  await boss.stop({ graceful: false });
});

async function queue(name: string, options: object = {}) {
  await boss.createQueue(name, { retryLimit: 2, retryDelay: 1, heartbeatSeconds: 30, ...options });
}

async function states(name: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ state: string; n: number }>("SELECT state::text, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state", [name]);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("JobDispatcher", () => {
  it("runs at most `slots` jobs at once, each once, and completes them", async () => {
    await queue("d-slots");
    await boss.insert("d-slots", Array.from({ length: 30 }, (_, i) => ({ data: { i } })));
    let now = 0;
    let most = 0;
    const ran: number[] = [];
    const d = new JobDispatcher<{ i: number }>(boss, "d-slots", {
      slots: 6, pollMs: 60_000, heartbeatMs: 60_000, onError: (err) => { throw err; },
      run: async (job) => {
        now++;
        most = Math.max(most, now);
        await sleep(20 + (job.data.i % 3) * 10);
        ran.push(job.data.i);
        now--;
      },
    });
    d.start();
    await until("all 30 jobs to complete", async () => (await states("d-slots")).completed === 30, 15_000);
    await d.stop(1000);
    expect(most).toBe(6);
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
  });

  it("fetches once per wake, not once per idle slot, and at once rather than at its next poll", async () => {
    await queue("d-wake");
    const started: number[] = [];
    const d = new JobDispatcher<{ at: number }>(boss, "d-wake", {
      slots: 32, pollMs: 60_000, heartbeatMs: 60_000, onError: (err) => { throw err; },
      run: async (job) => void started.push(Date.now() - job.data.at),
    });
    d.start();
    await sleep(200);
    const before = fetches;
    for (let i = 0; i < 10; i++) {
      await boss.send("d-wake", { at: Date.now() });
      d.wake();
      await until(`job ${i + 1} to start`, async () => started.length === i + 1, 5_000);
    }
    await d.stop(1000);
    // One fetch per queued job (a fetch that came back with fewer than 32 leaves the loop
    // idle until the next wake); the poll, a minute away, never came.
    expect(fetches - before).toBe(10);
    expect(Math.max(...started)).toBeLessThan(2000);
  });

  it("retries a job whose run failed, and refreshes the heartbeat of one still running", async () => {
    await queue("d-fail");
    await boss.send("d-fail", { n: 1 });
    let runs = 0;
    let release = () => {};
    const d = new JobDispatcher<{ n: number }>(boss, "d-fail", {
      slots: 2, pollMs: 300, heartbeatMs: 200, onError: () => undefined,
      run: async () => {
        runs++;
        if (runs === 1) throw new Error("first attempt fails");
        await new Promise<void>((r) => (release = r));
      },
    });
    d.start();
    await until("the retry to start", async () => runs === 2, 10_000);
    const beat = async () => (await client.query("SELECT heartbeat_on FROM pgboss.job WHERE name = 'd-fail' AND state = 'active'")).rows[0]?.heartbeat_on as Date | undefined;
    const first = await beat();
    await until("the running attempt's heartbeat to move", async () => {
      const next = await beat();
      return !!first && !!next && next > first;
    }, 5_000);
    release();
    await until("the job to complete", async () => (await states("d-fail")).completed === 1, 5_000);
    await d.stop(1000);
    expect(runs).toBe(2);
  });

  it("hands back what is still running when stopped, for pg-boss to retry", async () => {
    await queue("d-stop");
    await boss.send("d-stop", {});
    let started = false;
    let release = () => {};
    const finished = new Promise<void>((r) => (release = r));
    const d = new JobDispatcher<object>(boss, "d-stop", {
      slots: 1, pollMs: 60_000, heartbeatMs: 60_000, onError: (err) => { throw err; },
      run: async () => {
        started = true;
        await finished;
      },
    });
    d.start();
    await until("the job to start", async () => started, 5_000);
    await d.stop(100);
    expect(await states("d-stop")).toEqual({ retry: 1 });
    // The abandoned run ending later settles nothing: its attempt was handed back.
    release();
    await sleep(200);
    expect(await states("d-stop")).toEqual({ retry: 1 });
  });
});
