import pg from "pg";
import { reportConnectionError } from "./connection-errors";

// A plain `pg` pool beside the Prisma client, for the few statements of the boot storm's
// hot path (lib/boot): they run as named prepared statements, parsed and planned once per
// connection instead of once per batch, and their rows skip Prisma's result mapping. In a
// boot storm that was a third of PostgreSQL's time per script (bench/boot.bench.mts).
// Everything else goes through lib/db.ts. The pool follows DATABASE_URL (test files each
// point it at a database of their own) and never keeps the process alive when idle.
const cache = globalThis as unknown as { fleetbootPgPool?: { url: string; pool: pg.Pool } };

/**
 * How long the console's pools keep an idle connection (pg's default is 10 s). Work comes
 * in bursts a boot apart (a rollout's batch resets, then reports 1–5 minutes later): a
 * connection closed in between is opened again at the next burst, a server process forked
 * and a SCRAM handshake computed on both sides, just when the console is busiest.
 */
export const POOL_IDLE_MS = 10 * 60_000;

export function pgPool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set; start the console with `npm start` or `npm run dev`, which provide it");
  }
  const cached = cache.fleetbootPgPool;
  if (cached?.url === url) return cached.pool;
  if (cached) void cached.pool.end().catch(() => undefined);
  const pool = new pg.Pool({ connectionString: url, max: 10, idleTimeoutMillis: POOL_IDLE_MS, allowExitOnIdle: true });
  // An idle connection the server closes (restart, shutdown) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on("error", (err) => reportConnectionError("database connection lost", err));
  cache.fleetbootPgPool = { url, pool };
  return pool;
}

/** Runs `work` in a transaction on one of the pool's connections: committed if it returns, rolled back if it throws. */
export async function inPgTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pgPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

export async function closePgPool(): Promise<void> {
  const cached = cache.fleetbootPgPool;
  cache.fleetbootPgPool = undefined;
  await cached?.pool.end();
}
