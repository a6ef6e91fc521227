import { requireReader } from "@/lib/auth/request";
import { handle, json } from "@/lib/http/respond";
import { getRollout } from "@/lib/rollouts/queries";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireReader(req);
  return json(await getRollout((await params).id));
});
