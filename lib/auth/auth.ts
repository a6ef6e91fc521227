import { createHash } from "node:crypto";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { genericOAuth } from "better-auth/plugins";
import { db } from "@/lib/db";

// Users, password hashes (scrypt), sessions in Postgres and optional OIDC single sign-on
// come from better-auth. Who may do what (viewer/operator/admin) is ours: lib/auth/permissions.ts.

function authSecret(): string {
  const key = process.env.FLEETBOOT_SECRET_KEY;
  if (!key) throw new Error("FLEETBOOT_SECRET_KEY is not set");
  // A separate key for session signing, derived so that one setting covers both.
  return createHash("sha256").update(`fleetboot-auth:${key}`).digest("hex");
}

function oidcPlugins() {
  const issuer = process.env.FLEETBOOT_OIDC_ISSUER;
  const clientId = process.env.FLEETBOOT_OIDC_CLIENT_ID;
  const clientSecret = process.env.FLEETBOOT_OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return [];
  return [
    genericOAuth({
      config: [
        {
          providerId: "oidc",
          discoveryUrl: `${issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
          clientId,
          clientSecret,
          // better-auth sends the secret in the body by default, which servers may refuse;
          // HTTP Basic is the one method every server must accept (RFC 6749 §2.3.1).
          tokenEndpointAuth: { method: "client_secret_basic" },
          scopes: ["openid", "email", "profile"],
          pkce: true,
        },
      ],
    }),
  ];
}

// Without FLEETBOOT_PUBLIC_URL the console answers under whatever name it is reached by
// (localhost, an address, a DNS name), and better-auth takes the origin from the request:
// that is the intended setup, not something to warn about on every start.
function authLog(level: "debug" | "info" | "warn" | "error", message: string, ...args: unknown[]) {
  if (level === "debug" || (level === "warn" && message.includes("Base URL is not set"))) return;
  (level === "error" ? console.error : console.log)(`[fleetboot] auth: ${message}`, ...args);
}

function createAuth() {
  return betterAuth({
    appName: "Fleetboot",
    secret: authSecret(),
    baseURL: process.env.FLEETBOOT_PUBLIC_URL,
    logger: { log: authLog },
    database: prismaAdapter(db, { provider: "postgresql" }),
    // The origin check as in production also under tests (better-auth skips it there by default).
    advanced: { database: { generateId: "uuid" }, cookiePrefix: "fleetboot", disableOriginCheck: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 12 },
    session: { expiresIn: 60 * 60 * 12, updateAge: 60 * 60 },
    user: {
      additionalFields: {
        role: { type: "string", input: false, defaultValue: "viewer" },
        disabledAt: { type: "date", input: false, required: false },
      },
    },
    databaseHooks: {
      session: {
        create: {
          // A disabled account cannot start a session, whatever its credentials.
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: session.userId }, select: { disabledAt: true } });
            return user?.disabledAt ? false : undefined;
          },
        },
      },
    },
    plugins: [...oidcPlugins(), nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const cache = globalThis as unknown as { fleetbootAuth?: Auth };

export function getAuth(): Auth {
  cache.fleetbootAuth ??= createAuth();
  return cache.fleetbootAuth;
}

export function oidcEnabled(): boolean {
  return oidcPlugins().length > 0;
}
