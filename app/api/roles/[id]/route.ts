import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { deleteRole, updateRole } from "@/lib/roles/mutations";
import { getRoleOrThrow } from "@/lib/roles/queries";
import { roleUpdateSchema } from "@/lib/roles/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json(await getRoleOrThrow((await params).id));
});

export const PATCH = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, roleUpdateSchema);
  return json(await updateRole((await params).id, input, actor.name));
});

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  await deleteRole((await params).id, actor.name);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
