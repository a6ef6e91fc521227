import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import { createApiToken } from "./tokens";
import { createUser } from "./users";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "22".repeat(32);

// Routes that are public on purpose. Everything else under app/api must refuse an
// anonymous caller: a new route without a permission check fails here. "[...path]" is the
// JSON 404 for paths no route has: it reads and changes nothing.
const PUBLIC = new Set(["health", "auth/[...all]", "boot/ipxe", "boot/beacon", "boot/report", "boot/agent", "[...path]"]);

// The least role a write needs; reads need "viewer" everywhere.
const WRITE_NEEDS: [RegExp, "operator" | "admin"][] = [
  [/^(machines|machines\/import|unknown-macs)(\/|$)/, "operator"],
  [/^(roles|images|mirrors|subnets|tokens|users)(\/|$)/, "admin"],
];

function routes(dir = "app/api", prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...routes(full, prefix ? `${prefix}/${name}` : name));
    else if (name === "route.ts") out.push(prefix);
  }
  return out;
}

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
const FAKE_PARAMS = { params: Promise.resolve({ id: "x", version: "x", mac: "52:54:00:00:00:01", format: "isc", all: ["x"] }) };

async function handlers() {
  const out: { route: string; method: (typeof METHODS)[number]; fn: (req: Request, ctx: unknown) => Promise<Response> }[] = [];
  for (const route of routes()) {
    const mod = await import(/* @vite-ignore */ path.resolve("app/api", route, "route.ts"));
    for (const method of METHODS) if (typeof mod[method] === "function") out.push({ route, method, fn: mod[method] });
  }
  return out;
}

const tokens: Record<string, string> = {};
beforeAll(async () => {
  for (const role of ["viewer", "operator", "admin"] as const) {
    const user = await createUser({ email: `${role}@routes.test`, role, password: "a-long-password-1" }, "test");
    tokens[role] = (await createApiToken({ name: role, role }, { userId: user.id, role, name: user.email })).secret;
  }
});

describe("every API route checks permissions", () => {
  it("finds the routes", async () => {
    expect((await handlers()).length).toBeGreaterThan(20);
  });

  it("refuses anonymous callers with 401, except the public ones", async () => {
    const open: string[] = [];
    for (const h of await handlers()) {
      if (PUBLIC.has(h.route)) continue;
      const res = await h.fn(apiRequest(`/api/${h.route}`, { method: h.method, token: null, body: h.method === "GET" ? undefined : {} }), FAKE_PARAMS);
      if (res.status !== 401) open.push(`${h.method} /api/${h.route} → ${res.status}`);
    }
    expect(open).toEqual([]);
  });

  it("refuses writes to roles below the one they need with 403", async () => {
    const wrong: string[] = [];
    for (const h of await handlers()) {
      if (PUBLIC.has(h.route) || h.method === "GET") continue;
      const need = WRITE_NEEDS.find(([re]) => re.test(h.route))?.[1] ?? "operator";
      const below = need === "admin" ? ["viewer", "operator"] : ["viewer"];
      for (const role of below) {
        const res = await h.fn(apiRequest(`/api/${h.route}`, { method: h.method, token: tokens[role], body: {} }), FAKE_PARAMS);
        if (res.status !== 403) wrong.push(`${role}: ${h.method} /api/${h.route} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("lets a viewer read", async () => {
    const { GET } = await import("@/app/api/machines/route");
    expect((await GET(apiRequest("/api/machines", { token: tokens.viewer }), undefined)).status).toBe(200);
  });
});
