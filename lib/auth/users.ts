import { z } from "zod";
import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import { text } from "@/lib/validation/fields";
import { getAuth } from "./auth";

const password = z.string().min(12, "at least 12 characters").max(256, "at most 256 characters");

export const userCreateSchema = z.object({
  email: z.email({ error: "must be an email address" }).trim().toLowerCase(),
  name: text(100).default(""),
  role: z.enum(["viewer", "operator", "admin"], { error: "role must be viewer, operator or admin" }),
  password,
});

export const userPasswordSchema = z.object({ password });

export type UserCreateInput = z.input<typeof userCreateSchema>;

/** A user with an email + password login (better-auth hashes the password with scrypt). */
export async function createUser(raw: UserCreateInput, actor: string) {
  const input = userCreateSchema.parse(raw);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
    throw new AppError("conflict", `a user ${input.email} already exists`, { fields: [{ path: "email", message: "already exists" }] });
  }
  const ctx = await getAuth().$context;
  const hash = await ctx.password.hash(input.password);
  const user = await ctx.internalAdapter.createUser({ email: input.email, name: input.name, emailVerified: true }, { method: "admin" });
  await ctx.internalAdapter.linkAccount({ userId: user.id, providerId: "credential", accountId: user.id, password: hash });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { role: input.role } });
    await recordAudit(tx, { actor, action: "user.create", targetType: "user", targetId: user.id, changes: { email: input.email, role: input.role } });
  });
  return { id: user.id, email: input.email, role: input.role };
}

export function countUsers() {
  return db.user.count();
}

export function listUsers() {
  return db.user.findMany({ orderBy: { email: "asc" }, select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true } });
}

export async function setUserRole(id: string, role: UserRole, actor: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: { role: true } });
    if (!before) throw new AppError("not_found", "no such user");
    await tx.user.update({ where: { id }, data: { role } });
    await recordAudit(tx, { actor, action: "user.role", targetType: "user", targetId: id, changes: { role: [before.role, role] } });
  });
}

/** Disabling ends the user's sessions at once; their tokens stop working too. */
export async function setUserDisabled(id: string, disabled: boolean, actor: string) {
  await db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id }, data: { disabledAt: disabled ? new Date() : null } });
    if (!count) throw new AppError("not_found", "no such user");
    if (disabled) await tx.session.deleteMany({ where: { userId: id } });
    await recordAudit(tx, { actor, action: disabled ? "user.disable" : "user.enable", targetType: "user", targetId: id });
  });
}

/**
 * An admin sets a user's password (a forgotten one, a first one for a single sign-on
 * user). The user's sessions end, so whoever had the old password is logged out.
 */
export async function setUserPassword(id: string, raw: z.input<typeof userPasswordSchema>, actor: string) {
  const input = userPasswordSchema.parse(raw);
  const ctx = await getAuth().$context;
  const hash = await ctx.password.hash(input.password);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: { id: true } });
    if (!user) throw new AppError("not_found", "no such user");
    const { count } = await tx.account.updateMany({ where: { userId: id, providerId: "credential" }, data: { password: hash } });
    if (!count) await tx.account.create({ data: { userId: id, providerId: "credential", accountId: id, password: hash } });
    await tx.session.deleteMany({ where: { userId: id } });
    await recordAudit(tx, { actor, action: "user.password", targetType: "user", targetId: id });
  });
}
