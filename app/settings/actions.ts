"use server";

import { revalidatePath } from "next/cache";
import { consoleActor, getConsoleUser } from "@/lib/auth/console";
import { tokenCreateSchema } from "@/lib/auth/token-schema";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createUser, setUserDisabled, setUserPassword, setUserRole, userCreateSchema, userPasswordSchema } from "@/lib/auth/users";
import { runDeleteAction, runFormAction, type FormState } from "@/lib/forms/action";
import { AppError } from "@/lib/http/errors";

export async function createTokenAction(_prev: FormState, fd: FormData): Promise<FormState> {
  let secret = "";
  const state = await runFormAction(fd, tokenCreateSchema, async (input) => {
    await consoleActor("read");
    const user = await getConsoleUser();
    if (!user) throw new AppError("unauthorized", "log in again");
    secret = (await createApiToken(input, { userId: user.id, role: user.role, name: user.email })).secret;
    revalidatePath("/settings/tokens");
  });
  // The secret is shown this once and never stored in clear.
  return state.ok ? { ...state, message: "Token created. Copy it now: it is not shown again.", values: { secret } } : state;
}

export async function revokeTokenAction(id: string) {
  const failed = await runDeleteAction(async () => revokeApiToken(id, await consoleActor("administer")));
  revalidatePath("/settings/tokens");
  return failed;
}

export async function createUserAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, userCreateSchema, async (input) => {
    const user = await createUser(input, await consoleActor("administer"));
    revalidatePath("/settings/users");
    return `User ${user.email} created (${user.role}).`;
  });
}

export async function setRoleAction(id: string, fd: FormData) {
  const role = String(fd.get("role"));
  if (role !== "viewer" && role !== "operator" && role !== "admin") return;
  const actor = await consoleActor("administer");
  const me = await getConsoleUser();
  if (me?.id === id && role !== "admin") throw new AppError("forbidden", "you cannot demote yourself");
  await setUserRole(id, role, actor);
  revalidatePath("/settings/users");
}

export async function setDisabledAction(id: string, disabled: boolean) {
  const actor = await consoleActor("administer");
  const me = await getConsoleUser();
  if (me?.id === id) return { error: "you cannot disable yourself" };
  await setUserDisabled(id, disabled, actor);
  revalidatePath("/settings/users");
  return undefined;
}

export async function setPasswordAction(id: string, _prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, userPasswordSchema, async (input) => {
    await setUserPassword(id, input, await consoleActor("administer"));
    revalidatePath("/settings/users");
    return "Password set; the user's sessions have ended.";
  });
}
