"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "@/lib/auth/auth";
import type { FormState } from "@/lib/forms/action";

function safeNext(next: unknown): string {
  // Only paths on this console: never an open redirect.
  return typeof next === "string" && /^\/(?!\/)[\w\-./?=&%]*$/.test(next) ? next : "/";
}

export async function loginAction(_prev: FormState, fd: FormData): Promise<FormState> {
  const email = String(fd.get("email") ?? "").trim().toLowerCase();
  const password = String(fd.get("password") ?? "");
  const values = { email };
  if (!email) return { ok: false, fieldErrors: { email: "Enter your email address." }, values };
  if (!password) return { ok: false, fieldErrors: { password: "Enter your password." }, values };
  try {
    await getAuth().api.signInEmail({ body: { email, password }, headers: await headers() });
  } catch {
    return { ok: false, message: "Wrong email or password, or the account is disabled.", values };
  }
  redirect(safeNext(fd.get("next")));
}

export async function logoutAction(): Promise<void> {
  await getAuth().api.signOut({ headers: await headers() }).catch(() => undefined);
  redirect("/login");
}
