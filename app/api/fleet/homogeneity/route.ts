import { requireActor } from "@/lib/auth/request";
import { getFleetHomogeneity } from "@/lib/fleet/queries";
import { handle, json, refuseQuery } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  refuseQuery(req);
  return json(await getFleetHomogeneity());
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
