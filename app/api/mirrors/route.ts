import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson, refuseQuery } from "@/lib/http/respond";
import { createMirror } from "@/lib/mirrors/mutations";
import { listMirrors } from "@/lib/mirrors/queries";
import { mirrorCreateSchema } from "@/lib/mirrors/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  refuseQuery(req);
  return json({ items: await listMirrors() });
});

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, mirrorCreateSchema);
  return json(await createMirror(input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
