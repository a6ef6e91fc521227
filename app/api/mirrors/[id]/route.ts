import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { deleteMirror, updateMirror } from "@/lib/mirrors/mutations";
import { getMirrorOrThrow } from "@/lib/mirrors/queries";
import { mirrorUpdateSchema } from "@/lib/mirrors/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json(await getMirrorOrThrow((await params).id));
});

export const PATCH = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, mirrorUpdateSchema);
  return json(await updateMirror((await params).id, input, actor.name));
});

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  await deleteMirror((await params).id, actor.name);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
