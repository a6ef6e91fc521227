import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { disconnectDb } from "@/lib/db";

const TEMPLATE_DB = "fleetboot_template";

/**
 * Gives the calling test file a database of its own, cloned from the migrated template,
 * and points lib/db at it. Call once at the top level of an integration test file.
 */
export function useTestDatabase(): { url: () => string } {
  let url = "";
  let name = "";
  beforeAll(async () => {
    const serverUrl = inject("pgServerUrl");
    name = `t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    process.env.DATABASE_URL = url;
  });
  afterAll(async () => {
    await disconnectDb();
    const admin = new pg.Client({ connectionString: inject("pgServerUrl") });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  return { url: () => url };
}

/** The server that holds the test databases (for tests that need a scratch database of their own). */
export function testServerUrl(): string {
  return inject("pgServerUrl");
}

export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

/** A Request as a route handler receives it. */
export function apiRequest(
  path: string,
  init: { method?: string; body?: unknown; token?: string | null; headers?: Record<string, string> } = {},
): Request {
  const headers: Record<string, string> = { ...init.headers };
  const token = init.token === undefined ? ADMIN_TOKEN : init.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers["content-type"] ??= "application/json";
  }
  return new Request(`http://console.test${path}`, { method: init.method ?? "GET", headers, body });
}

/** The context a dynamic route handler receives. */
export function params<T extends Record<string, string>>(p: T): { params: Promise<T> } {
  return { params: Promise.resolve(p) };
}
