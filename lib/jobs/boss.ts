import type pg from "pg";
import { PgBoss } from "pg-boss";
import { reportConnectionError } from "@/lib/db/connection-errors";
import type { Prisma } from "@/lib/generated/prisma/client";

// The job queue lives in PostgreSQL (its own "pgboss" schema): every console instance
// and every `npm run worker` claims jobs from the same tables with SKIP LOCKED.
const cache = globalThis as unknown as { fleetbootBoss?: Promise<PgBoss> };

export const DEPLOY_QUEUE = "deploy";
/** Deployments whose every attempt's worker died: they are marked failed, not left running. */
export const DEPLOY_DEAD_QUEUE = "deploy-dead";

// A worker that dies mid-job (kill -9, lost host) stops refreshing its jobs' heartbeat
// (every DEPLOY_HEARTBEAT_SECONDS / 2). Any instance's supervisor, passing every SUPERVISE_SECONDS,
// fails a job whose heartbeat is older than DEPLOY_HEARTBEAT_SECONDS, and pg-boss retries it after
// 2–4 s (then 4–8, 8–16, 16–32 s: the same backoff covers a handler that threw because the
// database was away): another worker runs it again 15–25 s after the death. A live worker
// keeps its job however long the deployment takes; expireInSeconds only bounds a handler
// that hangs past the deploy timeout.
export const DEPLOY_HEARTBEAT_SECONDS = 15;
const SUPERVISE_SECONDS = 5;

export function getBoss(): Promise<PgBoss> {
  cache.fleetbootBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const boss = new PgBoss({
      connectionString: url,
      max: 10,
      superviseIntervalSeconds: SUPERVISE_SECONDS,
      monitorIntervalSeconds: SUPERVISE_SECONDS,
      // A queued deployment wakes the deploy workers at once instead of at their next poll.
      useListenNotify: true,
    });
    boss.on("error", (err) => reportConnectionError("job queue", err));
    await boss.start();
    const timeout = Number(process.env.FLEETBOOT_DEPLOY_TIMEOUT_SECONDS ?? 1800);
    await boss.createQueue(DEPLOY_DEAD_QUEUE).catch(() => undefined);
    const options = {
      retryLimit: 4,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: timeout + 120,
      heartbeatSeconds: DEPLOY_HEARTBEAT_SECONDS,
      deadLetter: DEPLOY_DEAD_QUEUE,
      notify: true,
    };
    await boss.createQueue(DEPLOY_QUEUE, options).catch(() => undefined);
    // A queue created by an older version keeps its old options unless told.
    await boss.updateQueue(DEPLOY_QUEUE, options);
    return boss;
  })();
  return cache.fleetbootBoss;
}

export async function stopBoss(): Promise<void> {
  const boss = cache.fleetbootBoss;
  cache.fleetbootBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 10_000 });
}

/**
 * Enqueues inside the caller's transaction, so a job exists exactly when the row that
 * asked for it committed. pg-boss hands us its own parameterised SQL to run.
 */
export async function sendInTransaction(tx: Prisma.TransactionClient, queue: string, data: object, options: { singletonKey?: string } = {}) {
  const boss = await getBoss();
  return boss.send(queue, data, {
    ...options,
    db: { executeSql: async (text, values = []) => ({ rows: await tx.$queryRawUnsafe<unknown[]>(text, ...values) }) },
  });
}

/** Many jobs at once, inside a transaction the caller holds on a plain `pg` client (lib/db/pool.ts). */
export async function insertInTransaction(client: pg.ClientBase, queue: string, data: object[]): Promise<void> {
  if (data.length === 0) return;
  const boss = await getBoss();
  await boss.insert(queue, data.map((d) => ({ data: d })), {
    db: { executeSql: async (text, values = []) => ({ rows: (await client.query(text, values)).rows }) },
  });
}
