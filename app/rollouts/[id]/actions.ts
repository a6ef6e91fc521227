"use server";

import { revalidatePath } from "next/cache";
import { consoleActor } from "@/lib/auth/console";
import { runDeleteAction } from "@/lib/forms/action";
import { commandRollout, type RolloutCommand } from "@/lib/rollouts/mutations";

/**
 * Pause, resume (optionally retrying the failed machines), cancel or approve the canary;
 * idempotent, so a repeated click changes nothing.
 */
export async function rolloutCommandAction(id: string, command: RolloutCommand, retryFailed = false): Promise<{ error: string } | undefined> {
  const failed = await runDeleteAction(async () => commandRollout(id, command, { name: await consoleActor("operate") }, { retryFailed }));
  if (failed) return failed;
  revalidatePath(`/rollouts/${id}`);
  revalidatePath("/rollouts");
  return undefined;
}
