import pg from "pg";
import { readMigrationList, withSchemaEngine } from "./schema-engine";

// Any constant works; it only has to be the same for every console instance.
const MIGRATION_LOCK_KEY = 7_201_776_001;

const NO_FILTERS = { externalTables: [], externalEnums: [] };

/**
 * Applies pending migrations from prisma/migrations (what `prisma migrate deploy` does).
 * Instances starting at once serialise on an advisory lock; the second finds nothing to do.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const lock = new pg.Client({ connectionString: databaseUrl });
  await lock.connect();
  try {
    await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const result = await withSchemaEngine(databaseUrl, async (engine) =>
      engine.applyMigrations({ migrationsList: await readMigrationList(), filters: NO_FILTERS }),
    );
    return result.appliedMigrationNames;
  } finally {
    await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

/**
 * The SQL that would bring a database built from the migrations to what schema.prisma
 * describes; `changed` is false when they agree. Uses a throw-away shadow database on
 * the given server.
 */
export async function diffMigrationsToSchema(
  databaseUrl: string,
  opts: { schema?: string; migrationsDir?: string } = {},
): Promise<{ changed: boolean; sql: string }> {
  return withSchemaEngine(databaseUrl, async (engine, schemaFile) => {
    const result = await engine.diff({
      from: { tag: "migrations", ...(await readMigrationList(opts.migrationsDir)) },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: opts.schema ?? schemaFile }] },
      script: true,
      exitCode: true,
      filters: NO_FILTERS,
    });
    return { changed: result.exitCode === 2, sql: result.stdout ?? "" };
  });
}
