import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type JWK } from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...all]/route";
import { GET as listMachines, POST as createMachineRoute } from "@/app/api/machines/route";
import { db } from "@/lib/db";
import { apiRequest, useTestDatabase } from "@/lib/testing/db";
import { createUser } from "./users";

// Single sign-on against a real OpenID Connect provider (panva's oidc-provider, with its
// development login and consent pages) on 127.0.0.1: the authorization-code flow the way
// a browser drives it, cookies and redirects by hand. The console is reached through its
// route handlers at the origin apiRequest uses; only the provider listens on a socket.

useTestDatabase();
process.env.FLEETBOOT_SECRET_KEY = "44".repeat(32);

const CONSOLE = "http://console.test";
// What an administrator registers at the provider: better-auth 1.7's callback for provider "oidc".
const CALLBACK = `${CONSOLE}/api/auth/callback/oidc`;
const CLIENT_ID = "fleetboot";
const CLIENT_SECRET = randomBytes(24).toString("hex");

// The provider's people, by login. `role` is a claim a console must never take as a grant.
const PEOPLE: Record<string, { email: string; email_verified: boolean; name: string; role?: string }> = {
  alice: { email: "alice@sso.test", email_verified: true, name: "Alice Ops", role: "admin" },
  carol: { email: "carol@sso.test", email_verified: true, name: "Carol" },
  dave: { email: "dave@sso.test", email_verified: true, name: "Dave" },
  // Claims the address of an existing local admin, unverified.
  mallory: { email: "root@sso.test", email_verified: false, name: "Mallory" },
};

let issuer = "";
let server: Server;

/** Cookies of one party (a browser talking to the console, or to the provider), by name. */
class CookieJar {
  private cookies = new Map<string, string>();

  take(res: Response): this {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => {
        const [k, v = ""] = a.trim().split("=");
        return (/^max-age$/i.test(k) && Number(v) <= 0) || (/^expires$/i.test(k) && Date.parse(v) < Date.now());
      });
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }

  has(name: string): boolean {
    return [...this.cookies.keys()].some((k) => k.includes(name));
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

function useAuthWith(env: Record<string, string>) {
  Object.assign(process.env, env);
  // lib/auth/auth.ts keeps one instance per process; the next getAuth() builds it anew.
  delete (globalThis as { fleetbootAuth?: unknown }).fleetbootAuth;
}

/** The console's "Log in with single sign-on": the provider's authorization URL, and the browser's cookies. */
async function startSignIn(): Promise<{ authorizationUrl: URL; browser: CookieJar }> {
  const res = await authPost(
    new Request(`${CONSOLE}/api/auth/sign-in/social`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: CONSOLE },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/" }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const { url } = (await res.json()) as { url: string };
  return { authorizationUrl: new URL(url), browser: new CookieJar().take(res) };
}

/** The user at the provider: follows its redirects, logs in as `login`, consents; returns where it sends the browser back. */
async function loginAtProvider(authorizationUrl: URL, login: string): Promise<URL> {
  const jar = new CookieJar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop++) {
    if (url.origin !== issuer) return url;
    let res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(res);
    if (res.status === 200) {
      // A development interaction page: a login form, or a consent form.
      const prompt = /name="prompt" value="(\w+)"/.exec(await res.text())?.[1];
      const form: Record<string, string> = prompt === "login" ? { prompt, login, password: "any" } : { prompt: prompt ?? "" };
      res = await fetch(url, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form),
      });
      jar.take(res);
    }
    const location = res.headers.get("location");
    if (!location) throw new Error(`provider answered ${res.status} at ${url.pathname}: ${await res.text()}`);
    url = new URL(location, url);
  }
  throw new Error("too many redirects at the provider");
}

/** The browser arrives back at the console's callback. */
async function callback(url: URL, browser: CookieJar): Promise<{ res: Response; location: string }> {
  expect(url.origin + url.pathname).toBe(CALLBACK);
  const res = await authGet(new Request(url, { headers: { cookie: browser.header() } }));
  browser.take(res);
  return { res, location: res.headers.get("location") ?? "" };
}

async function signInAs(login: string): Promise<{ location: string; browser: CookieJar }> {
  const { authorizationUrl, browser } = await startSignIn();
  const back = await loginAtProvider(authorizationUrl, login);
  const { location } = await callback(back, browser);
  return { location, browser };
}

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }) as JWK;
  const provider = new Provider(issuer, {
    // Registered as an administrator would by default: confidential, client_secret_basic.
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [CALLBACK], response_types: ["code"], grant_types: ["authorization_code"] }],
    async findAccount(_ctx, sub) {
      const person = PEOPLE[sub];
      return person && { accountId: sub, claims: () => ({ sub, ...person }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "role"] },
    // Only the method every server must support (RFC 6749 §2.3.1); secrets in the body are optional.
    clientAuthMethods: ["client_secret_basic"],
    pkce: { required: () => true },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    jwks: { keys: [{ ...signingKey, alg: "RS256", use: "sig", kid: "test" }] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
  });
  server.on("request", provider.callback());
  useAuthWith({
    FLEETBOOT_PUBLIC_URL: CONSOLE,
    FLEETBOOT_OIDC_ISSUER: issuer,
    FLEETBOOT_OIDC_CLIENT_ID: CLIENT_ID,
    FLEETBOOT_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("OIDC single sign-on", () => {
  it("logs a new user in as a viewer: reads work, operator actions are refused", async () => {
    const { authorizationUrl, browser } = await startSignIn();
    expect(authorizationUrl.origin).toBe(issuer);
    expect(authorizationUrl.searchParams.get("redirect_uri")).toBe(CALLBACK);
    expect(authorizationUrl.searchParams.get("scope")?.split(" ")).toEqual(expect.arrayContaining(["openid", "email", "profile"]));
    expect(authorizationUrl.searchParams.get("code_challenge_method")).toBe("S256");

    const back = await loginAtProvider(authorizationUrl, "alice");
    expect(back.searchParams.get("code")).toBeTruthy();
    const { res, location } = await callback(back, browser);
    expect(res.status).toBe(302);
    expect(location).toBe("/");
    expect(browser.has("fleetboot.session_token")).toBe(true);

    const user = await db.user.findUniqueOrThrow({ where: { email: "alice@sso.test" }, include: { accounts: true } });
    expect(user).toMatchObject({ role: "viewer", name: "Alice Ops", emailVerified: true, disabledAt: null });
    expect(user.accounts).toEqual([expect.objectContaining({ providerId: "oidc", accountId: "alice" })]);

    const cookie = browser.header();
    expect((await listMachines(apiRequest("/api/machines", { token: null, headers: { cookie } }), undefined)).status).toBe(200);
    const body = { hostname: "sso-01", macs: ["52:54:00:5a:00:01"] };
    const write = await createMachineRoute(apiRequest("/api/machines", { method: "POST", token: null, body, headers: { cookie, origin: CONSOLE } }), undefined);
    expect(write.status).toBe(403);
    expect(await db.machine.count({ where: { hostname: "sso-01" } })).toBe(0);
  });

  it("logs a returning user into the same account, keeping the role an admin gave", async () => {
    await signInAs("carol");
    await db.user.update({ where: { email: "carol@sso.test" }, data: { role: "operator" } });
    const { browser } = await signInAs("carol");
    expect(await db.user.count({ where: { email: "carol@sso.test" } })).toBe(1);
    const cookie = browser.header();
    const body = { hostname: "sso-02", macs: ["52:54:00:5a:00:02"] };
    const write = await createMachineRoute(apiRequest("/api/machines", { method: "POST", token: null, body, headers: { cookie, origin: CONSOLE } }), undefined);
    expect(write.status).toBe(201);
  });

  it("gives a disabled user no session", async () => {
    await signInAs("dave");
    await db.user.update({ where: { email: "dave@sso.test" }, data: { disabledAt: new Date() } });
    const { location, browser } = await signInAs("dave");
    expect(location).toMatch(/error=/);
    expect(browser.has("session_token")).toBe(false);
  });

  it("does not hand an existing account to an unverified address at the provider", async () => {
    await createUser({ email: "root@sso.test", role: "admin", password: "a-long-password-1" }, "test");
    const { location, browser } = await signInAs("mallory");
    expect(location).toMatch(/error=/);
    expect(browser.has("session_token")).toBe(false);
    expect(await db.account.count({ where: { providerId: "oidc", accountId: "mallory" } })).toBe(0);
  });

  it("logs nobody in when the state is tampered with or the callback reaches another browser", async () => {
    const { authorizationUrl, browser } = await startSignIn();
    const back = await loginAtProvider(authorizationUrl, "alice");
    const tampered = new URL(back);
    tampered.searchParams.set("state", `${back.searchParams.get("state")}x`);
    const forged = await callback(tampered, browser);
    expect(forged.location).toMatch(/error=/);
    expect(browser.has("session_token")).toBe(false);

    // The genuine callback opened in a browser that did not start this sign-in (login CSRF).
    const stranger = new CookieJar();
    const replayed = await callback(back, stranger);
    expect(replayed.location).toMatch(/error=/);
    expect(stranger.has("session_token")).toBe(false);
  });

  it("logs nobody in when the console's client secret is wrong", async () => {
    useAuthWith({ FLEETBOOT_OIDC_CLIENT_SECRET: "not-the-secret" });
    try {
      const before = await db.session.count();
      const { location, browser } = await signInAs("alice");
      expect(location).toMatch(/error=/);
      expect(browser.has("session_token")).toBe(false);
      expect(await db.session.count()).toBe(before);
    } finally {
      useAuthWith({ FLEETBOOT_OIDC_CLIENT_SECRET: CLIENT_SECRET });
    }
  });
});

