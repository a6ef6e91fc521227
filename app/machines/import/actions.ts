"use server";

import { revalidatePath } from "next/cache";
import { consoleActor } from "@/lib/auth/console";
import { fieldIssues, toAppError } from "@/lib/http/errors";
import { importMachines } from "@/lib/onboarding/mutations";
import { importRequestSchema, type ImportResult } from "@/lib/onboarding/schema";

// The console's pages hold no bearer token, so the import page previews and commits
// through these actions; they validate with the API's schema and call the same lib code.

export interface ImportActionInput {
  text: string;
  defaults: { role?: string; subnet?: string; rack?: string; hostnameTemplate?: string };
}

export type ImportActionState = { ok: true; result: ImportResult } | { ok: false; error: string; fieldErrors?: Record<string, string> };

async function run(input: unknown, dryRun: boolean): Promise<ImportActionState> {
  const parsed = importRequestSchema.safeParse({ ...(input as object), dryRun });
  if (!parsed.success) {
    const fieldErrors = Object.fromEntries(fieldIssues(parsed.error).map((i) => [i.path, i.message]));
    return { ok: false, error: "Fix the highlighted fields.", fieldErrors };
  }
  try {
    const result = await importMachines(parsed.data, await consoleActor("operate"));
    if (result.created) {
      revalidatePath("/machines");
      revalidatePath("/machines/unknown");
    }
    return { ok: true, result };
  } catch (err) {
    const e = toAppError(err);
    if (e.code === "internal") console.error("[fleetboot] import failed:", err);
    const field = (e.details as { fields?: { path: string; message: string }[] } | undefined)?.fields?.[0];
    return { ok: false, error: e.code === "internal" ? "Something went wrong; see the server log." : e.message, fieldErrors: field ? { [field.path]: field.message } : undefined };
  }
}

export async function previewImportAction(input: ImportActionInput): Promise<ImportActionState> {
  return run(input, true);
}

export async function commitImportAction(input: ImportActionInput): Promise<ImportActionState> {
  return run(input, false);
}
