import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { deleteSubnet, updateSubnet } from "@/lib/subnets/mutations";
import { getSubnetWithUsageOrThrow } from "@/lib/subnets/queries";
import { subnetUpdateSchema } from "@/lib/subnets/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json(await getSubnetWithUsageOrThrow((await params).id));
});

export const PATCH = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, subnetUpdateSchema);
  return json(await updateSubnet((await params).id, input, actor.name));
});

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  await deleteSubnet((await params).id, actor.name);
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods("GET", "PATCH", "DELETE");
