import { headers } from "next/headers";
import { cache } from "react";
import type { UserRole } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import { getAuth } from "./auth";
import { can, describeNeed, type Permission } from "./permissions";

export interface ConsoleUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
}

/** The logged-in user of this request (pages, server actions), or null. */
export const getConsoleUser = cache(async (): Promise<ConsoleUser | null> => {
  const session = await getAuth().api.getSession({ headers: await headers() });
  if (!session) return null;
  const u = session.user as { id: string; email: string; name: string; role?: string };
  return { id: u.id, email: u.email, name: u.name, role: (u.role ?? "viewer") as UserRole };
});

/**
 * The actor a server action records, after checking the user may do this. Server actions
 * are reachable by POST from anywhere, so each checks for itself (Next.js already refuses
 * cross-origin action calls).
 */
export async function consoleActor(permission: Permission): Promise<string> {
  const user = await getConsoleUser();
  if (!user) throw new AppError("unauthorized", "your session has ended: log in again");
  if (!can(user.role, permission)) throw new AppError("forbidden", `${describeNeed(permission)}; you are ${user.role}`);
  return user.email;
}

/** Whether this request's user has the permission (for showing controls; actions check again). */
export async function consoleCan(permission: Permission): Promise<boolean> {
  const user = await getConsoleUser();
  return !!user && can(user.role, permission);
}
