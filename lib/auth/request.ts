import { createHash, timingSafeEqual } from "node:crypto";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { db } from "@/lib/db";
import { sourceIpOf } from "@/lib/http/client-address";
import { AppError } from "@/lib/http/errors";
import { getAuth } from "./auth";
import { can, describeNeed, type Permission } from "./permissions";
import { findActiveToken } from "./tokens";

export type { Permission } from "./permissions";

export interface Actor {
  kind: "admin-token" | "api-token" | "session";
  /** What the audit log records. */
  name: string;
  role: UserRole;
  userId?: string;
  tokenId?: string;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

async function bearerActor(header: string): Promise<Actor> {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "malformed Authorization header: expected Bearer <token>");
  const adminToken = process.env.FLEETBOOT_ADMIN_TOKEN;
  if (adminToken && sameSecret(match[1], adminToken)) return { kind: "admin-token", name: "admin token", role: "admin" };
  const token = await findActiveToken(match[1]);
  if (!token) throw new AppError("unauthorized", "invalid, expired or revoked token");
  return { kind: "api-token", name: `token ${token.name} (${token.prefix}…${token.owner ? `, ${token.owner}` : ""})`, role: token.role, tokenId: token.id };
}

// Cookie-authenticated writes must come from the console's own pages (CSRF).
function checkOrigin(req: Request) {
  if (req.method === "GET" || req.method === "HEAD") return;
  const origin = req.headers.get("origin");
  const allowed = new Set([new URL(req.url).origin]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) allowed.add(`${new URL(req.url).protocol}//${host}`);
  if (process.env.FLEETBOOT_PUBLIC_URL) allowed.add(new URL(process.env.FLEETBOOT_PUBLIC_URL).origin);
  if (!origin || !allowed.has(origin)) throw new AppError("forbidden", "cross-site request refused: send a bearer token, or use the console");
}

/** Who is asking: a bearer token, or the console session cookie. Null when neither. */
export async function authenticate(req: Request): Promise<Actor | null> {
  const header = req.headers.get("authorization");
  if (header) return bearerActor(header);
  // No session cookie: no need to ask the database.
  if (!req.headers.get("cookie")?.includes("fleetboot.session_token")) return null;
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (!session) return null;
  checkOrigin(req);
  const user = session.user as { id: string; email: string; role?: string };
  return { kind: "session", name: user.email, role: (user.role ?? "viewer") as UserRole, userId: user.id };
}

/**
 * The one permission check for route handlers: 401 without credentials, 403 without the
 * right role. Every API route except health and the machine-facing boot endpoints awaits it.
 */
export async function requireActor(req: Request, permission: Permission): Promise<Actor> {
  const actor = await authenticate(req);
  if (!actor) throw new AppError("unauthorized", "authentication required: log in, or send Authorization: Bearer <token>");
  if (!can(actor.role, permission)) {
    if (req.method !== "GET" && req.method !== "HEAD") await recordDenied(req, actor, permission);
    throw new AppError("forbidden", `${describeNeed(permission)}; ${actor.name} is ${actor.role}`);
  }
  return actor;
}

// A refused write is worth remembering: who tried what, from where.
async function recordDenied(req: Request, actor: Actor, permission: Permission) {
  await db.auditEntry
    .create({
      data: {
        actor: actor.name,
        userId: actor.userId ?? null,
        tokenId: actor.tokenId ?? null,
        action: "access.denied",
        targetType: "api",
        targetId: `${req.method} ${new URL(req.url).pathname}`.slice(0, 200),
        changes: { needed: permission, role: actor.role },
        sourceIp: sourceIpOf(req.headers),
      },
    })
    .catch(() => undefined);
}

/** Reads by the console's own pages (event stream, deployment output): same rule as "read". */
export function requireReader(req: Request): Promise<Actor> {
  return requireActor(req, "read");
}
