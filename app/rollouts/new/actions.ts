"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { rolloutFormToInput } from "@/components/rollouts/form-input";
import type { PreviewAnswer } from "@/components/rollouts/use-rollout-preview";
import { consoleActor } from "@/lib/auth/console";
import { runFormAction, type FormState } from "@/lib/forms/action";
import { createRollout, previewRollout, type RolloutPlan } from "@/lib/rollouts/mutations";
import { createRolloutSchema } from "@/lib/rollouts/schema";

// The console's pages hold no bearer token, so the form previews and starts through these
// actions; they validate with the API's schema and call the same lib code.

/** The dry run: the batches and who is left out, nothing written. */
export async function previewRolloutAction(fd: FormData): Promise<PreviewAnswer> {
  let plan: RolloutPlan | undefined;
  const state = await runFormAction(
    fd,
    createRolloutSchema,
    async (input) => {
      await consoleActor("operate");
      plan = await previewRollout(input);
    },
    { reshape: (values) => ({ ...rolloutFormToInput(values), dryRun: true }) },
  );
  return plan ? { ok: true, plan } : { ok: false, message: state.message ?? "The preview failed.", fieldErrors: state.fieldErrors ?? {} };
}

/** Starts the rollout (the form's request key makes a repeat return the first) and opens it. */
export async function startRolloutAction(fd: FormData): Promise<FormState> {
  return runFormAction(
    fd,
    createRolloutSchema,
    async (input) => {
      const rollout = await createRollout(input, { name: await consoleActor("operate") });
      revalidatePath("/rollouts");
      redirect(`/rollouts/${rollout.id}`);
    },
    { reshape: rolloutFormToInput },
  );
}
