import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { deleteMachine, updateMachine } from "@/lib/machines/mutations";
import { getMachineOrThrow } from "@/lib/machines/queries";
import { machineUpdateSchema } from "@/lib/machines/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json(await getMachineOrThrow((await params).id));
});

export const PATCH = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "operate");
  const input = await readJson(req, machineUpdateSchema);
  return json(await updateMachine((await params).id, input, actor.name));
});

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "operate");
  await deleteMachine((await params).id, actor.name);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
