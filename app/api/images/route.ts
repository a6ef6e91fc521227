import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson, refuseQuery } from "@/lib/http/respond";
import { createImage } from "@/lib/images/mutations";
import { listImages } from "@/lib/images/queries";
import { imageCreateSchema } from "@/lib/images/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  refuseQuery(req);
  return json({ items: await listImages() });
});

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, imageCreateSchema);
  return json(await createImage(input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
