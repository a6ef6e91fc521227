import { requireReader } from "@/lib/auth/request";
import { handle, json } from "@/lib/http/respond";
import { getRollout } from "@/lib/rollouts/queries";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireReader(req);
  return json(await getRollout((await params).id));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
