import { requireActor } from "@/lib/auth/request";
import { sourceIpOf } from "@/lib/http/client-address";
import { handle, json, readJson } from "@/lib/http/respond";
import { performPowerAction, readPowerState } from "@/lib/power/actions";
import { powerActionSchema } from "@/lib/power/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

// 202: the BMC took the action; the machine comes back (or not) later, as events tell.
export const POST = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "operate");
  const { action } = await readJson(req, powerActionSchema);
  return json(await performPowerAction((await params).id, action, { actor: actor.name, sourceIp: sourceIpOf(req.headers) }), { status: 202 });
});

// What the BMC says now: {state: "on" | "off" | "unknown", protocol, detail}. Reads only.
export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json(await readPowerState((await params).id));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
