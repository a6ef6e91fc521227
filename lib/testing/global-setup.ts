import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

export const TEMPLATE_DB = "fleetboot_template";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
  }
}

// One real PostgreSQL server for the whole run; a migrated template database from which
// each integration test file clones its own database (lib/testing/db.ts).
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-test-"));
  const server = await startEmbeddedPostgres({ dataDir: dir, database: "postgres", persistent: false });
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  await admin.end();
  const templateUrl = new URL(server.url);
  templateUrl.pathname = `/${TEMPLATE_DB}`;
  await applyMigrations(templateUrl.toString());
  project.provide("pgServerUrl", server.url);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
