import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson, refuseQuery } from "@/lib/http/respond";
import { createRole } from "@/lib/roles/mutations";
import { listRoles } from "@/lib/roles/queries";
import { roleCreateSchema } from "@/lib/roles/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  refuseQuery(req);
  return json({ items: await listRoles() });
});

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, roleCreateSchema);
  return json(await createRole(input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
