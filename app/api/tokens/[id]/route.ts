import { z } from "zod";
import { requireActor } from "@/lib/auth/request";
import { revokeApiToken } from "@/lib/auth/tokens";
import { AppError } from "@/lib/http/errors";
import { handle } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) throw new AppError("bad_request", "a token id is a UUID");
  await revokeApiToken(id, actor.name);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
