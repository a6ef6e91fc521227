import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson, readQuery } from "@/lib/http/respond";
import { createMachine } from "@/lib/machines/mutations";
import { listMachines } from "@/lib/machines/queries";
import { resolveRoleFilter } from "@/lib/roles/queries";
import { machineCreateSchema, machineListQuery } from "@/lib/machines/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  const query = readQuery(req, machineListQuery);
  // As the drift list does: a role by name (any case) or id, "-" for none, 404 for no such role.
  return json(await listMachines({ ...query, role: await resolveRoleFilter(query.role) }));
});

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "operate");
  const input = await readJson(req, machineCreateSchema);
  return json(await createMachine(input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
