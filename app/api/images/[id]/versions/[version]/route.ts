import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { getVersionOrThrow } from "@/lib/images/queries";
import { versionUpdateSchema } from "@/lib/images/schema";
import { deleteImageVersion, updateImageVersion } from "@/lib/images/version-mutations";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string; version: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  const { id, version } = await params;
  return json(await getVersionOrThrow(id, version));
});

export const PATCH = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, versionUpdateSchema);
  const { id, version } = await params;
  return json(await updateImageVersion(id, version, input, actor.name));
});

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const { id, version } = await params;
  await deleteImageVersion(id, version, actor.name);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
