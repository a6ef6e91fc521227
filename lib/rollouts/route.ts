import { z } from "zod";
import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { commandRollout, type RolloutCommand } from "./mutations";

type Ctx = { params: Promise<{ id: string }> };

const resumeBody = z.object({ retryFailed: z.boolean({ error: "retryFailed is true or false" }).optional() }).strict();

/**
 * POST /api/rollouts/:id/<command>: idempotent; 200 with the state either way. `resume`
 * takes an optional body {"retryFailed": true}: failed machines get another attempt.
 */
export function rolloutCommandRoute(command: RolloutCommand) {
  return handle<Ctx>(async (req, { params }) => {
    const actor = await requireActor(req, "operate");
    const hasBody = command === "resume" && !!req.headers.get("content-type");
    const opts = hasBody ? await readJson(req, resumeBody) : {};
    return json(await commandRollout((await params).id, command, actor, opts));
  });
}
