"use server";

import { revalidatePath } from "next/cache";
import { consoleActor } from "@/lib/auth/console";
import { runDeleteAction } from "@/lib/forms/action";
import { validationError } from "@/lib/http/errors";
import { dismissUnknownMacs } from "@/lib/unknown-macs/mutations";
import { dismissSchema } from "@/lib/unknown-macs/schema";

export async function dismissUnknownMacsAction(macs: string[]): Promise<{ error: string } | undefined> {
  const failed = await runDeleteAction(async () => {
    const input = dismissSchema.safeParse({ macs });
    if (!input.success) throw validationError(input.error);
    await dismissUnknownMacs(input.data.macs, await consoleActor("operate"));
  });
  if (!failed) revalidatePath("/machines/unknown");
  return failed;
}
