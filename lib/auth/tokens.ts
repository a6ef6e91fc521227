import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import { rank } from "./permissions";

// API tokens: "fbt_" + 32 random bytes. Only a SHA-256 of the whole token is stored (a
// token is high-entropy, so a slow hash buys nothing); the prefix identifies it in lists.
const PREFIX = "fbt_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createApiToken(input: { name: string; role: UserRole; expiresInDays?: number }, creator: { userId: string; role: UserRole; name: string }) {
  if (rank(input.role) > rank(creator.role)) {
    throw new AppError("forbidden", `a token cannot have more rights than its creator (${creator.role})`, { fields: [{ path: "role", message: `at most ${creator.role}` }] });
  }
  const secret = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const token = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name: input.name, role: input.role, prefix: secret.slice(0, 12), tokenHash: hashToken(secret), userId: creator.userId, expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null },
      select: { id: true, name: true, role: true, prefix: true, createdAt: true, expiresAt: true },
    });
    await recordAudit(tx, { actor: creator.name, action: "token.create", targetType: "api_token", targetId: row.id, changes: { name: row.name, role: row.role, prefix: row.prefix } });
    return row;
  });
  return { ...token, secret };
}

/** The token's owner and role, or null. Updates last-used at most once a minute. */
export async function findActiveToken(secret: string) {
  if (!secret.startsWith(PREFIX) || secret.length > 100) return null;
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashToken(secret) },
    select: { id: true, name: true, role: true, prefix: true, revokedAt: true, expiresAt: true, lastUsedAt: true, user: { select: { email: true, role: true, disabledAt: true } } },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt < new Date())) return null;
  if (token.user?.disabledAt) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  // A token never outranks its owner, even after the owner was demoted.
  const role = token.user && rank(token.user.role) < rank(token.role) ? token.user.role : token.role;
  return { id: token.id, name: token.name, prefix: token.prefix, role, owner: token.user?.email ?? null };
}

export function listApiTokens() {
  return db.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
    select: { id: true, name: true, role: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true, user: { select: { email: true } } },
  });
}

export async function revokeApiToken(id: string, actor: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    if (!count) throw new AppError("not_found", "no active token with that id");
    await recordAudit(tx, { actor, action: "token.revoke", targetType: "api_token", targetId: id });
  });
}
