import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testServerUrl } from "@/lib/testing/db";
import { applyMigrations, diffMigrationsToSchema } from "./migrate";
import { SCHEMA_PATH } from "./schema-engine";

async function scratchDatabase(): Promise<string> {
  const name = `m_${Math.random().toString(16).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: testServerUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

describe("migrations", () => {
  it("agree with prisma/schema.prisma (run `npm run db:migration -- <name>` when this fails)", async () => {
    const { changed, sql } = await diffMigrationsToSchema(testServerUrl());
    expect(sql.trim() === "" || !changed ? "" : sql).toBe("");
    expect(changed).toBe(false);
  });

  it("detect a schema change that no migration carries", async () => {
    const schema = (await readFile(SCHEMA_PATH, "utf8")) + "\nmodel Drift {\n  id Int @id\n}\n";
    const { changed, sql } = await diffMigrationsToSchema(testServerUrl(), { schema });
    expect(changed).toBe(true);
    expect(sql).toContain('CREATE TABLE "Drift"');
  });

  it("apply to an empty database, and a second run (or a concurrent one) applies nothing", async () => {
    const url = await scratchDatabase();
    const [a, b] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    expect([...a, ...b].filter((n) => n.endsWith("_init"))).toHaveLength(1);
    expect(await applyMigrations(url)).toEqual([]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query("SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL");
    await client.end();
    expect(rows[0].n).toBeGreaterThan(0);
  });
});
