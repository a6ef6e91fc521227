import path from "node:path";
import { startEmbeddedPostgres, type RunningDatabase } from "./embedded";
import { applyMigrations } from "./migrate";

/**
 * The database the console runs on: DATABASE_URL when set, otherwise an embedded
 * PostgreSQL under the data directory. Either way, pending migrations are applied.
 */
export async function startDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  log: (line: string) => void;
}): Promise<RunningDatabase & { embedded: boolean; applied: string[] }> {
  let running: RunningDatabase;
  let embedded = false;
  if (opts.databaseUrl) {
    running = { url: opts.databaseUrl, stop: async () => undefined };
  } else {
    embedded = true;
    running = await startEmbeddedPostgres({ dataDir: path.resolve(opts.dataDir), log: () => undefined });
    opts.log(`embedded PostgreSQL on ${new URL(running.url).host} (data in ${opts.dataDir}/postgres)`);
  }
  try {
    const applied = await applyMigrations(running.url);
    if (applied.length) opts.log(`applied migrations: ${applied.join(", ")}`);
    return { ...running, embedded, applied };
  } catch (err) {
    await running.stop();
    throw err;
  }
}
