import { PgBoss } from "pg-boss";
import type { Prisma } from "@/lib/generated/prisma/client";

// The job queue lives in PostgreSQL (its own "pgboss" schema): every console instance
// and every `npm run worker` claims jobs from the same tables with SKIP LOCKED.
const cache = globalThis as unknown as { fleetbootBoss?: Promise<PgBoss> };

export const DEPLOY_QUEUE = "deploy";

export function getBoss(): Promise<PgBoss> {
  cache.fleetbootBoss ??= (async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const boss = new PgBoss({ connectionString: url, max: 4 });
    boss.on("error", (err) => console.error("[fleetboot] job queue:", err.message));
    await boss.start();
    const timeout = Number(process.env.FLEETBOOT_DEPLOY_TIMEOUT_SECONDS ?? 1800);
    // A worker that dies mid-job: after expireIn the job is retried (then failed), never lost.
    await boss.createQueue(DEPLOY_QUEUE, { retryLimit: 2, retryDelay: 5, expireInSeconds: timeout + 120 }).catch(() => undefined);
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
