import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson, refuseQuery } from "@/lib/http/respond";
import { createSubnet } from "@/lib/subnets/mutations";
import { listSubnets } from "@/lib/subnets/queries";
import { subnetCreateSchema } from "@/lib/subnets/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  refuseQuery(req);
  return json({ items: await listSubnets() });
});

export const POST = handle(async (req) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, subnetCreateSchema);
  return json(await createSubnet(input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
