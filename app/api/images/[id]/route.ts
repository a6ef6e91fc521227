import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { deleteImage, updateImage } from "@/lib/images/mutations";
import { getImageOrThrow } from "@/lib/images/queries";
import { imageUpdateSchema } from "@/lib/images/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json(await getImageOrThrow((await params).id));
});

export const PATCH = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, imageUpdateSchema);
  return json(await updateImage((await params).id, input, actor.name));
});

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  await deleteImage((await params).id, actor.name);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
