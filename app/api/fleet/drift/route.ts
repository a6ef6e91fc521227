import { requireActor } from "@/lib/auth/request";
import { getDriftPage } from "@/lib/fleet/drift-queries";
import { driftListQuery } from "@/lib/fleet/schema";
import { handle, json, readQuery } from "@/lib/http/respond";
import { resolveRoleFilter } from "@/lib/roles/queries";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  const q = readQuery(req, driftListQuery);
  return json(await getDriftPage({ ...q, role: await resolveRoleFilter(q.role) }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
