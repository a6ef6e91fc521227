import { requireActor } from "@/lib/auth/request";
import { redeployMachine } from "@/lib/deploy/redeploy";
import { handle, json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const POST = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "operate");
  const deployment = await redeployMachine((await params).id, actor.name);
  return json({ deployment: { id: deployment.id, status: deployment.status } }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
