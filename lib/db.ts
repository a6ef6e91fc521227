import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { reportConnectionError } from "./db/connection-errors";
import { closePgPool, POOL_IDLE_MS } from "./db/pool";

// The one Prisma client. Created on first use (so importing this module needs no
// database, e.g. during `next build`) and kept on globalThis so that dev-mode module
// reloads reuse its pool instead of opening a new one each time.
const cache = globalThis as unknown as { fleetbootDb?: PrismaClient };

function client(): PrismaClient {
  if (cache.fleetbootDb) return cache.fleetbootDb;
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set; start the console with `npm start` or `npm run dev`, which provide it");
  }
  // An idle pooled connection that the server closes (restart, shutdown) must not crash
  // the process: the pool drops it and the next query opens a new one.
  const adapter = new PrismaPg(
    { connectionString: url, max: 10, idleTimeoutMillis: POOL_IDLE_MS },
    {
      onPoolError: (err) => reportConnectionError("database connection lost", err),
      onConnectionError: (err) => reportConnectionError("database connection lost", err),
    },
  );
  cache.fleetbootDb = new PrismaClient({ adapter });
  return cache.fleetbootDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const c = client();
    const value = Reflect.get(c, prop, c);
    return typeof value === "function" ? value.bind(c) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const c = cache.fleetbootDb;
  cache.fleetbootDb = undefined;
  // The boot path's plain pool (lib/db/pool.ts) goes with it.
  await Promise.all([c?.$disconnect(), closePgPool()]);
}
