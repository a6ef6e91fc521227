import { requireActor } from "@/lib/auth/request";
import { getDriftPage } from "@/lib/fleet/drift-queries";
import { driftListQuery } from "@/lib/fleet/schema";
import { handle, json, readQuery } from "@/lib/http/respond";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await getDriftPage(readQuery(req, driftListQuery)));
});
