import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { API_METHODS, NOT_ALLOWED } from "@/lib/http/methods";
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

const FAKE_PARAMS = { params: Promise.resolve({ id: "x", version: "x", mac: "52:54:00:00:00:01", format: "isc", all: ["x"] }) };

type RouteHandler = (req: Request, ctx: unknown) => Promise<Response>;

async function routeModule(route: string): Promise<Record<string, RouteHandler | undefined>> {
  return import(/* @vite-ignore */ path.resolve("app/api", route, "route.ts"));
}

/** The handlers that do the route's work (not the 405s of lib/http/methods.ts). */
async function handlers() {
  const out: { route: string; method: (typeof API_METHODS)[number]; fn: RouteHandler }[] = [];
  for (const route of routes()) {
    const mod = await routeModule(route);
    for (const method of API_METHODS) {
      const fn = mod[method];
      if (typeof fn === "function" && !(NOT_ALLOWED in fn)) out.push({ route, method, fn });
    }
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

// Routes whose every method is someone else's answer: better-auth's own, and the JSON 404.
const NOT_OURS = new Set(["auth/[...all]", "[...path]"]);

describe("a method a route does not take", () => {
  it("gets the contract's JSON 405 with Allow, on every route", async () => {
    const wrong: string[] = [];
    for (const route of routes()) {
      if (NOT_OURS.has(route)) continue;
      const mod = await routeModule(route);
      const real = API_METHODS.filter((m) => typeof mod[m] === "function" && !(NOT_ALLOWED in mod[m]!));
      for (const method of API_METHODS) {
        const fn = mod[method];
        if (typeof fn !== "function") {
          wrong.push(`${method} /api/${route}: not exported (add otherMethods(...) from lib/http/methods.ts)`);
          continue;
        }
        if (real.includes(method)) continue;
        const res = await fn(apiRequest(`/api/${route}`, { method, token: null, body: method === "GET" ? undefined : {} }), FAKE_PARAMS);
        const body = await res.json();
        const allow = res.headers.get("allow")?.split(", ") ?? [];
        if (res.status !== 405 || body.error?.code !== "method_not_allowed" || !real.every((m) => allow.includes(m)) || allow.includes(method)) {
          wrong.push(`${method} /api/${route} → ${res.status} ${JSON.stringify(body)} allow=${allow.join(",")}`);
        }
      }
      const options = await mod.OPTIONS!(apiRequest(`/api/${route}`, { method: "OPTIONS", token: null }), FAKE_PARAMS);
      expect(options.status).toBe(204);
      const offered = options.headers.get("allow")!.split(", ");
      expect(offered).toEqual(expect.arrayContaining(real));
      // HEAD is offered only where it is answered (the boot paths refuse it).
      const head = mod.HEAD ? (await mod.HEAD(apiRequest(`/api/${route}`, { method: "HEAD", token: null }), FAKE_PARAMS)).status : null;
      if (offered.includes("HEAD") !== (real.includes("GET") && head !== 405)) wrong.push(`OPTIONS /api/${route} offers ${offered.join(", ")}, HEAD → ${head}`);
    }
    expect(wrong).toEqual([]);
  });

  it("names the method and what the route takes", async () => {
    const { PUT } = await import("@/app/api/roles/route");
    const res = await PUT(apiRequest("/api/roles", { method: "PUT", token: null, body: {} }));
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect((await res.json()).error).toEqual({ code: "method_not_allowed", message: "PUT is not allowed on /api/roles; it takes GET, POST", details: { allowed: ["GET", "POST"] } });
  });
});

// Lists whose callers may not be ours to change: Prometheus adds its own scrape parameters.
const LENIENT_QUERY = new Set(["metrics"]);

describe("a query parameter a list does not take", () => {
  it("is refused by name on every list, so that a misspelt filter never lists everything", async () => {
    const lenient: string[] = [];
    for (const h of await handlers()) {
      if (h.method !== "GET" || PUBLIC.has(h.route) || LENIENT_QUERY.has(h.route) || /\[(id|version|mac)\]/.test(h.route)) continue;
      const res = await h.fn(apiRequest(`/api/${h.route}?no-such-filter=1`, { token: ADMIN_TOKEN }), FAKE_PARAMS);
      const body = res.status === 400 ? await res.json() : null;
      if (body?.error?.message !== 'unknown query parameter "no-such-filter"') lenient.push(`GET /api/${h.route} → ${res.status}`);
    }
    expect(lenient).toEqual([]);
  });
});
