"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { consoleActor } from "@/lib/auth/console";
import { runDeleteAction, runFormAction, type FormState } from "@/lib/forms/action";
import { createMirror, deleteMirror, updateMirror } from "@/lib/mirrors/mutations";
import { mirrorCreateSchema, mirrorUpdateSchema } from "@/lib/mirrors/schema";

export async function createMirrorAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, mirrorCreateSchema, async (input) => {
    const mirror = await createMirror(input, await consoleActor("administer"));
    revalidatePath("/mirrors");
    return `Mirror ${mirror.name} added.`;
  });
}

export async function updateMirrorAction(id: string, _prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, mirrorUpdateSchema, async (input) => {
    await updateMirror(id, input, await consoleActor("administer"));
    revalidatePath("/mirrors");
  }, { emptyAs: null });
}

export async function deleteMirrorAction(id: string) {
  const failed = await runDeleteAction(async () => deleteMirror(id, await consoleActor("administer")));
  if (failed) return failed;
  revalidatePath("/mirrors");
  redirect("/mirrors");
}
