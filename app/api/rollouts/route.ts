import { requireActor, requireReader } from "@/lib/auth/request";
import { handle, json, readJson, refuseQuery } from "@/lib/http/respond";
import { createRollout, previewRollout } from "@/lib/rollouts/mutations";
import { listRollouts } from "@/lib/rollouts/queries";
import { createRolloutSchema } from "@/lib/rollouts/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireReader(req);
  refuseQuery(req);
  return json({ items: await listRollouts() });
});

// An explicit list of 10,000 hostnames fits.
const BODY_LIMIT = 1024 * 1024;

/** {dryRun: true} → the plan (200); otherwise 201 {id, state}, or 200 with the same id for a repeated requestKey. */
export const POST = handle(async (req) => {
  const actor = await requireActor(req, "operate");
  const input = await readJson(req, createRolloutSchema, BODY_LIMIT);
  const key = req.headers.get("idempotency-key")?.trim();
  if (key && !input.requestKey) input.requestKey = key.slice(0, 100);
  if (input.dryRun) return json(await previewRollout(input));
  const r = await createRollout(input, actor);
  return json({ id: r.id, state: r.state, ...(r.plan ? { batches: r.plan.batches, excluded: r.plan.excluded } : {}) }, { status: r.created ? 201 : 200 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
