import { requireActor } from "@/lib/auth/request";
import { handle, json } from "@/lib/http/respond";
import { commandRollout, type RolloutCommand } from "./mutations";

type Ctx = { params: Promise<{ id: string }> };

/** POST /api/rollouts/:id/<command>: idempotent; 200 with the state either way. */
export function rolloutCommandRoute(command: RolloutCommand) {
  return handle<Ctx>(async (req, { params }) => {
    const actor = await requireActor(req, "operate");
    return json(await commandRollout((await params).id, command, actor));
  });
}
