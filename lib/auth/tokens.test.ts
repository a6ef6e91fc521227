import { describe, expect, it, vi } from "vitest";
import { DELETE } from "@/app/api/tokens/[id]/route";
import { GET as listTokens, POST as createTokenRoute } from "@/app/api/tokens/route";
import { GET as listMachines, POST as createMachineRoute } from "@/app/api/machines/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";
import { getAuth } from "./auth";
import { createApiToken } from "./tokens";
import { createUser, setUserPassword, userPasswordSchema } from "./users";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "33".repeat(32);

describe("API tokens", () => {
  it("work until revoked, never outrank their creator, and never show up again", async () => {
    const user = await createUser({ email: "ops@tokens.test", role: "operator", password: "a-long-password-1" }, "test");
    await expect(createApiToken({ name: "too-much", role: "admin" }, { userId: user.id, role: "operator", name: user.email })).rejects.toThrow(/more rights/);
    const token = await createApiToken({ name: "ci", role: "operator" }, { userId: user.id, role: "operator", name: user.email });
    expect(token.secret).toMatch(/^fbt_/);

    expect((await listMachines(apiRequest("/api/machines", { token: token.secret }), undefined)).status).toBe(200);
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.tokenHash).not.toContain(token.secret);

    const del = await DELETE(apiRequest(`/api/tokens/${token.id}`, { method: "DELETE" }), params({ id: token.id }));
    expect(del.status).toBe(204);
    expect((await listMachines(apiRequest("/api/machines", { token: token.secret }), undefined)).status).toBe(401);

    const audit = JSON.stringify(await db.auditEntry.findMany({ select: { action: true, changes: true, targetId: true } }));
    expect(audit).not.toContain(token.secret);
    expect(audit).toContain("token.revoke");
  });

  it("are shown once at creation and never again: not in API answers, logs, events or the audit log", async () => {
    const lines: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" "))),
    );
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    try {
      const admin = await createUser({ email: "admin@tokens.test", role: "admin", password: "a-long-password-1" }, "test");
      const adminToken = (await createApiToken({ name: "bootstrap", role: "admin" }, { userId: admin.id, role: "admin", name: admin.email })).secret;
      const login = await getAuth().api.signInEmail({ body: { email: "admin@tokens.test", password: "a-long-password-1" }, asResponse: true });
      const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");
      const session = { token: null, headers: { cookie, origin: "http://console.test" } };
      const created = await createTokenRoute(apiRequest("/api/tokens", { method: "POST", ...session, body: { name: "automation", role: "viewer" } }), undefined);
      expect(created.status).toBe(201);
      const { secret, id } = (await created.json()) as { secret: string; id: string };
      expect(secret).toMatch(/^fbt_/);

      const answers: string[] = [];
      answers.push(await (await listTokens(apiRequest("/api/tokens", { token: adminToken }), undefined)).text());
      answers.push(await (await listMachines(apiRequest("/api/machines", { token: secret }), undefined)).text());
      // A refused write, a wrong token close to the real one, and use after revocation.
      answers.push(await (await createMachineRoute(apiRequest("/api/machines", { method: "POST", token: secret, body: { hostname: "x", macs: ["52:54:00:00:99:01"] } }), undefined)).text());
      answers.push(await (await listMachines(apiRequest("/api/machines", { token: `${secret.slice(0, -1)}x` }), undefined)).text());
      expect((await DELETE(apiRequest(`/api/tokens/${id}`, { method: "DELETE", token: adminToken }), params({ id }))).status).toBe(204);
      answers.push(await (await listMachines(apiRequest("/api/machines", { token: secret }), undefined)).text());

      const stored = JSON.stringify(
        [await db.auditEntry.findMany(), await db.event.findMany(), await db.apiToken.findMany()],
        (_k, v) => (typeof v === "bigint" ? v.toString() : v),
      );
      const secretPart = secret.slice(4);
      for (const text of [...answers, stored, lines.join("\n")]) expect(text).not.toContain(secretPart);
    } finally {
      for (const spy of spies) spy.mockRestore();
      stdout.mockRestore();
    }
  });

  it("stop working when their owner is disabled, and follow a demotion", async () => {
    const user = await createUser({ email: "demote@tokens.test", role: "operator", password: "a-long-password-1" }, "test");
    const token = await createApiToken({ name: "x", role: "operator" }, { userId: user.id, role: "operator", name: user.email });
    await db.user.update({ where: { id: user.id }, data: { role: "viewer" } });
    const res = await createMachineRoute(apiRequest("/api/machines", { method: "POST", token: token.secret, body: { hostname: "t-01", macs: ["52:54:00:ab:00:01"] } }), undefined);
    expect(res.status).toBe(403);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await listMachines(apiRequest("/api/machines", { token: token.secret }), undefined)).status).toBe(401);
  });
});

describe("console sessions", () => {
  it("authenticate the API from the console, and refuse cross-site writes", async () => {
    await createUser({ email: "op@session.test", role: "operator", password: "a-long-password-1" }, "test");
    const res = await getAuth().api.signInEmail({ body: { email: "op@session.test", password: "a-long-password-1" }, asResponse: true });
    const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get("set-cookie") ?? ""]).map((c) => c.split(";")[0]).join("; ");
    expect(cookie).toContain("session_token");
    expect((await listMachines(apiRequest("/api/machines", { token: null, headers: { cookie } }), undefined)).status).toBe(200);
    const body = { hostname: "s-01", macs: ["52:54:00:ab:00:02"] };
    const crossSite = await createMachineRoute(apiRequest("/api/machines", { method: "POST", token: null, body, headers: { cookie, origin: "https://evil.example" } }), undefined);
    expect(crossSite.status).toBe(403);
    const sameSite = await createMachineRoute(apiRequest("/api/machines", { method: "POST", token: null, body, headers: { cookie, origin: "http://console.test" } }), undefined);
    expect(sameSite.status).toBe(201);
  });

  it("refuses a wrong password", async () => {
    await createUser({ email: "v@session.test", role: "viewer", password: "a-long-password-1" }, "test");
    await expect(getAuth().api.signInEmail({ body: { email: "v@session.test", password: "wrong-password-1" } })).rejects.toThrow();
  });
});

describe("an admin setting a user's password", () => {
  it("lets the user in with the new one only, ends their sessions, and audits it without the secret", async () => {
    const user = await createUser({ email: "forgot@password.test", role: "viewer", password: "the-old-password-1" }, "test");
    const before = await getAuth().api.signInEmail({ body: { email: "forgot@password.test", password: "the-old-password-1" }, asResponse: true });
    expect(before.status).toBe(200);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(1);

    await setUserPassword(user.id, { password: "a-brand-new-password" }, "admin@example.com");
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    await expect(getAuth().api.signInEmail({ body: { email: "forgot@password.test", password: "the-old-password-1" } })).rejects.toThrow();
    expect((await getAuth().api.signInEmail({ body: { email: "forgot@password.test", password: "a-brand-new-password" }, asResponse: true })).status).toBe(200);
    const audit = await db.auditEntry.findFirstOrThrow({ where: { action: "user.password", targetId: user.id } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain("brand-new");

    expect(() => userPasswordSchema.parse({ password: "short" })).toThrow(/at least 12 characters/);
    await expect(setUserPassword("00000000-0000-4000-8000-000000000000", { password: "a-brand-new-password" }, "admin")).rejects.toMatchObject({ code: "not_found" });
  });
});
