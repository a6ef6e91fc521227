import { requireActor } from "@/lib/auth/request";
import { getFleetHomogeneity } from "@/lib/fleet/queries";
import { handle, json } from "@/lib/http/respond";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await getFleetHomogeneity());
});
