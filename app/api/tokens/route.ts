import { requireActor } from "@/lib/auth/request";
import { tokenCreateSchema } from "@/lib/auth/token-schema";
import { createApiToken, listApiTokens } from "@/lib/auth/tokens";
import { AppError } from "@/lib/http/errors";
import { handle, json, readJson, refuseQuery } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "administer");
  refuseQuery(req);
  return json({ items: await listApiTokens() });
});

// Tokens belong to a user: created from a session (or by a user's own token), never by
// the environment's admin token, which has no owner.
export const POST = handle(async (req) => {
  const actor = await requireActor(req, "read");
  if (actor.kind !== "session" || !actor.userId) throw new AppError("forbidden", "create tokens while logged in to the console");
  const input = await readJson(req, tokenCreateSchema);
  const token = await createApiToken(input, { userId: actor.userId, role: actor.role, name: actor.name });
  return json(token, { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
