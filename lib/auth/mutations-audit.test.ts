import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAuth } from "@/lib/auth/auth";
import { createApiToken } from "@/lib/auth/tokens";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { RedfishBmcSimulator } from "@/lib/simulator/redfish-bmc";
import { apiRequest, useTestDatabase } from "@/lib/testing/db";

// Every mutation route, called by the least role allowed to: it succeeds and leaves an
// audit entry naming that caller. A mutation route missing from CASES fails the suite.

useTestDatabase();
process.env.FLEETBOOT_SECRET_KEY = "88".repeat(32);

const MACHINE_FACING = new Set(["POST boot/report"]);
const bmc = new RedfishBmcSimulator();
const who: Record<"operator" | "admin", { token: string; email: string }> = { operator: { token: "", email: "" }, admin: { token: "", email: "" } };
let sessionCookie = "";
const ids: Record<string, string> = {};

interface Case {
  route: string; // as under app/api, e.g. "machines/[id]"
  method: "POST" | "PATCH" | "DELETE";
  as: "operator" | "admin" | "admin-session";
  path: () => string;
  params?: () => Record<string, string>;
  body?: () => unknown;
  status: number;
  remember?: (body: Record<string, unknown>) => void;
}

const CASES: Case[] = [
  { route: "images", method: "POST", as: "admin", path: () => "/api/images", body: () => ({ name: "audit-img" }), status: 201 },
  { route: "images", method: "POST", as: "admin", path: () => "/api/images", body: () => ({ name: "audit-gone" }), status: 201 },
  { route: "images/[id]", method: "PATCH", as: "admin", path: () => "/api/images/audit-img", params: () => ({ id: "audit-img" }), body: () => ({ description: "audited" }), status: 200 },
  { route: "images/[id]/versions", method: "POST", as: "admin", path: () => "/api/images/audit-img/versions", params: () => ({ id: "audit-img" }), body: () => ({ version: "1", kernelPath: "a/k", initrdPath: "a/i", squashfsPath: "a/f.squashfs" }), status: 201 },
  { route: "images/[id]/versions", method: "POST", as: "admin", path: () => "/api/images/audit-img/versions", params: () => ({ id: "audit-img" }), body: () => ({ version: "2", kernelPath: "a/k", initrdPath: "a/i", squashfsPath: "a/f.squashfs" }), status: 201 },
  { route: "images/[id]/versions/[version]", method: "PATCH", as: "admin", path: () => "/api/images/audit-img/versions/1", params: () => ({ id: "audit-img", version: "1" }), body: () => ({ status: "stable" }), status: 200 },
  { route: "mirrors", method: "POST", as: "admin", path: () => "/api/mirrors", body: () => ({ name: "audit-mirror", baseUrl: "http://127.0.0.1:9/images" }), status: 201 },
  { route: "mirrors/[id]", method: "PATCH", as: "admin", path: () => "/api/mirrors/audit-mirror", params: () => ({ id: "audit-mirror" }), body: () => ({ weight: 50 }), status: 200 },
  { route: "subnets", method: "POST", as: "admin", path: () => "/api/subnets", body: () => ({ name: "audit-net", cidr: "10.99.0.0/24", gateway: "10.99.0.1" }), status: 201 },
  { route: "subnets/[id]", method: "PATCH", as: "admin", path: () => "/api/subnets/audit-net", params: () => ({ id: "audit-net" }), body: () => ({ domain: "audit.example" }), status: 200 },
  { route: "roles", method: "POST", as: "admin", path: () => "/api/roles", body: () => ({ name: "audit-role", imageVersion: "audit-img:1" }), status: 201 },
  { route: "roles", method: "POST", as: "admin", path: () => "/api/roles", body: () => ({ name: "audit-gone" }), status: 201 },
  { route: "roles/[id]", method: "PATCH", as: "admin", path: () => "/api/roles/audit-role", params: () => ({ id: "audit-role" }), body: () => ({ description: "audited" }), status: 200 },
  {
    route: "machines", method: "POST", as: "operator", path: () => "/api/machines", status: 201,
    body: () => ({ hostname: "audit-1", macs: ["52:54:00:a0:00:01"], ipv4: "127.0.0.9", role: "audit-role", bmc: { type: "redfish", address: "127.0.0.1", port: bmc.port, username: "audit-1", password: "bmc-pw-1" } }),
  },
  { route: "machines/[id]", method: "PATCH", as: "operator", path: () => "/api/machines/audit-1", params: () => ({ id: "audit-1" }), body: () => ({ notes: "audited" }), status: 200 },
  { route: "machines/import", method: "POST", as: "operator", path: () => "/api/machines/import", body: () => ({ text: "52:54:00:a0:00:02 audit-2" }), status: 201 },
  { route: "machines/[id]/redeploy", method: "POST", as: "operator", path: () => "/api/machines/audit-1/redeploy", params: () => ({ id: "audit-1" }), status: 202 },
  { route: "machines/[id]/power", method: "POST", as: "operator", path: () => "/api/machines/audit-1/power", params: () => ({ id: "audit-1" }), body: () => ({ action: "pxe-cycle" }), status: 202 },
  { route: "unknown-macs/[mac]", method: "DELETE", as: "operator", path: () => "/api/unknown-macs/52:54:00:a0:00:99", params: () => ({ mac: "52:54:00:a0:00:99" }), status: 204 },
  { route: "rollouts", method: "POST", as: "operator", path: () => "/api/rollouts", body: () => ({ selector: { machines: ["audit-1"] }, batchSize: 1, canary: true }), status: 201, remember: (b) => (ids.rollout = String(b.id)) },
  { route: "rollouts/[id]/pause", method: "POST", as: "operator", path: () => `/api/rollouts/${ids.rollout}/pause`, params: () => ({ id: ids.rollout }), status: 200 },
  { route: "rollouts/[id]/resume", method: "POST", as: "operator", path: () => `/api/rollouts/${ids.rollout}/resume`, params: () => ({ id: ids.rollout }), status: 200 },
  { route: "rollouts/[id]/approve", method: "POST", as: "operator", path: () => `/api/rollouts/${ids.rollout}/approve`, params: () => ({ id: ids.rollout }), status: 200 },
  { route: "rollouts/[id]/cancel", method: "POST", as: "operator", path: () => `/api/rollouts/${ids.rollout}/cancel`, params: () => ({ id: ids.rollout }), status: 200 },
  { route: "tokens", method: "POST", as: "admin-session", path: () => "/api/tokens", body: () => ({ name: "audited", role: "viewer" }), status: 201, remember: (b) => (ids.token = String(b.id)) },
  { route: "tokens/[id]", method: "DELETE", as: "admin", path: () => `/api/tokens/${ids.token}`, params: () => ({ id: ids.token }), status: 204 },
  { route: "machines/[id]", method: "DELETE", as: "operator", path: () => "/api/machines/audit-2", params: () => ({ id: "audit-2" }), status: 204 },
  { route: "roles/[id]", method: "DELETE", as: "admin", path: () => "/api/roles/audit-gone", params: () => ({ id: "audit-gone" }), status: 204 },
  { route: "images/[id]/versions/[version]", method: "DELETE", as: "admin", path: () => "/api/images/audit-img/versions/2", params: () => ({ id: "audit-img", version: "2" }), status: 204 },
  { route: "images/[id]", method: "DELETE", as: "admin", path: () => "/api/images/audit-gone", params: () => ({ id: "audit-gone" }), status: 204 },
  { route: "mirrors/[id]", method: "DELETE", as: "admin", path: () => "/api/mirrors/audit-mirror", params: () => ({ id: "audit-mirror" }), status: 204 },
  { route: "subnets/[id]", method: "DELETE", as: "admin", path: () => "/api/subnets/audit-net", params: () => ({ id: "audit-net" }), status: 204 },
];

function mutationRoutes(dir = "app/api", prefix = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...mutationRoutes(full, prefix ? `${prefix}/${name}` : name));
    else if (name === "route.ts") {
      const text = readFileSync(full, "utf8");
      for (const m of text.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g)) out.push(`${m[1]} ${prefix}`);
    }
  }
  return out;
}

beforeAll(async () => {
  await bmc.start();
  bmc.addSystem({ id: "audit-1", username: "audit-1", password: "bmc-pw-1" });
  // audit-1's loopback address must be in a declared subnet.
  await db.subnet.create({ data: { name: "audit-loopback", cidr: "127.0.0.0/8" } });
  for (const role of ["operator", "admin"] as const) {
    const email = `${role}@audit.test`;
    const user = await createUser({ email, role, password: "a-long-password-1" }, "test");
    who[role] = { email, token: (await createApiToken({ name: `${role}-token`, role }, { userId: user.id, role, name: email })).secret };
  }
  const login = await getAuth().api.signInEmail({ body: { email: "admin@audit.test", password: "a-long-password-1" }, asResponse: true });
  sessionCookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
  await db.unknownMac.create({ data: { mac: "52:54:00:a0:00:99" } });
});
afterAll(async () => {
  await stopBoss();
  await bmc.stop();
});

describe("every mutation route", () => {
  it("is listed here", () => {
    const covered = new Set(CASES.map((c) => `${c.method} ${c.route}`));
    const missing = mutationRoutes().filter((r) => !covered.has(r) && !MACHINE_FACING.has(r));
    expect(missing).toEqual([]);
  });

  it("succeeds for the least role allowed and writes an audit entry naming the caller", async () => {
    const wrong: string[] = [];
    for (const c of CASES) {
      const mod = await import(/* @vite-ignore */ path.resolve("app/api", c.route, "route.ts"));
      const before = await db.auditEntry.count();
      const auth =
        c.as === "admin-session"
          ? { token: null, headers: { cookie: sessionCookie, origin: "http://console.test" } }
          : { token: who[c.as].token };
      const res: Response = await mod[c.method](apiRequest(c.path(), { method: c.method, body: c.body?.(), ...auth }), { params: Promise.resolve(c.params?.() ?? {}) });
      const text = await res.text();
      if (res.status !== c.status) {
        wrong.push(`${c.method} ${c.path()} as ${c.as}: ${res.status} ${text.slice(0, 200)}`);
        continue;
      }
      if (c.remember) c.remember(JSON.parse(text));
      const entries = await db.auditEntry.findMany({ orderBy: { id: "asc" }, skip: before });
      const email = c.as === "admin-session" ? "admin@audit.test" : `${c.as}@audit.test`;
      if (!entries.some((e) => e.actor.includes(email))) wrong.push(`${c.method} ${c.path()}: no audit entry by ${email} (${entries.map((e) => `${e.actor} ${e.action}`).join(", ") || "none"})`);
    }
    expect(wrong).toEqual([]);
  });
});
