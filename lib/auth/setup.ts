import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { createUser, type UserCreateInput } from "./users";

// First start: no user exists, so the console prints a one-time link that lets the person
// at the console create the first admin. Never a default password.
const IDENTIFIER = "first-admin-setup";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

export async function issueSetupToken(): Promise<string | null> {
  if ((await db.user.count()) > 0) return null;
  const token = randomBytes(24).toString("base64url");
  await db.$transaction([
    db.verification.deleteMany({ where: { identifier: IDENTIFIER } }),
    db.verification.create({ data: { identifier: IDENTIFIER, value: hash(token), expiresAt: new Date(Date.now() + 24 * 3_600_000) } }),
  ]);
  return token;
}

export async function setupTokenValid(token: string): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const row = await db.verification.findFirst({ where: { identifier: IDENTIFIER, value: hash(token), expiresAt: { gt: new Date() } } });
  return !!row && (await db.user.count()) === 0;
}

/** Creates the first admin with a valid setup token; the token is spent. */
export async function completeSetup(token: string, input: Omit<UserCreateInput, "role">) {
  if (!(await setupTokenValid(token))) {
    throw new AppError("forbidden", "this setup link is used, expired or wrong; restart the console for a new one");
  }
  const user = await createUser({ ...input, role: "admin" }, "first-start setup");
  await db.verification.deleteMany({ where: { identifier: IDENTIFIER } });
  return user;
}
