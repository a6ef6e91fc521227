// Writes the next migration from a change to prisma/schema.prisma:
//   npm run db:migration -- <name>
// Diffs what the existing migrations build against the schema, using a throw-away
// database (DATABASE_URL's server when set, else a temporary embedded PostgreSQL).
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded";
import { MIGRATIONS_DIR } from "../lib/db/schema-engine";
import { diffMigrationsToSchema } from "../lib/db/migrate";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("usage: npm run db:migration -- <name>   (name: lower-case letters, digits and _)");
  process.exit(2);
}

let tmp: string | undefined;
let db: { url: string; stop(): Promise<void> };
if (process.env.DATABASE_URL) {
  db = { url: process.env.DATABASE_URL, stop: async () => undefined };
} else {
  tmp = await mkdtemp(path.join(os.tmpdir(), "fleetboot-migration-"));
  db = await startEmbeddedPostgres({ dataDir: tmp, persistent: false });
}
try {
  const { changed, sql } = await diffMigrationsToSchema(db.url);
  if (!changed) {
    console.log("schema.prisma and prisma/migrations agree: no migration written");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "migration.sql"), sql);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, add CHECK constraints Prisma cannot express, commit it`);
  }
} finally {
  await db.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
}
