"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { consoleActor } from "@/lib/auth/console";
import { runDeleteAction, runFormAction, type FormState } from "@/lib/forms/action";
import { createRole, deleteRole, updateRole } from "@/lib/roles/mutations";
import { roleCreateSchema, roleUpdateSchema } from "@/lib/roles/schema";

// The images pages show which roles desire each version, so role changes show there too.
function revalidateRoles() {
  revalidatePath("/roles", "layout");
  revalidatePath("/images", "layout");
}

export async function createRoleAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, roleCreateSchema, async (input) => {
    const role = await createRole(input, await consoleActor("administer"));
    revalidateRoles();
    redirect(`/roles/${role.name}`);
  });
}

/** Bound to the role's id and current name; a rename moves the page to the new name. */
export async function updateRoleAction(id: string, name: string, _prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, roleUpdateSchema, async (input) => {
    const role = await updateRole(id, input, await consoleActor("administer"));
    revalidateRoles();
    if (role.name !== name) redirect(`/roles/${role.name}`);
    return `Role ${role.name} saved.`;
  }, { emptyAs: null });
}

export async function deleteRoleAction(id: string) {
  const failed = await runDeleteAction(async () => deleteRole(id, await consoleActor("administer")));
  if (failed) return failed;
  revalidateRoles();
  redirect("/roles");
}
