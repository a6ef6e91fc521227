import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson, readQuery } from "@/lib/http/respond";
import { createMachine } from "@/lib/machines/mutations";
import { listMachines } from "@/lib/machines/queries";
import { machineCreateSchema, machineListQuery } from "@/lib/machines/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await listMachines(readQuery(req, machineListQuery)));
});

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "operate");
  const input = await readJson(req, machineCreateSchema);
  return json(await createMachine(input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
