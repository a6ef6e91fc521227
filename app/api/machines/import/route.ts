import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { importMachines } from "@/lib/onboarding/mutations";
import { IMPORT_LIMITS, importRequestSchema } from "@/lib/onboarding/schema";
import { otherMethods } from "@/lib/http/methods";

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "operate");
  const input = await readJson(req, importRequestSchema, IMPORT_LIMITS.bodyBytes);
  const result = await importMachines(input, actor.name);
  if (input.dryRun) return json(result);
  if (result.created) return json(result, { status: 201 });
  // Refused: the rows say why, at the top level as the contract has it; the usual error
  // body rides along for clients that only read that.
  const message = `${result.summary.attention} of ${result.summary.total} lines need attention; nothing was written`;
  return json({ ...result, error: { code: "unprocessable", message, details: { summary: result.summary, issues: result.issues } } }, { status: 422 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
