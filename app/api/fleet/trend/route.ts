import { requireActor } from "@/lib/auth/request";
import { trendQuery } from "@/lib/fleet/schema";
import { getConvergenceTrend } from "@/lib/fleet/trend-queries";
import { handle, json, readQuery } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";
import { resolveRoleFilter } from "@/lib/roles/queries";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  const query = readQuery(req, trendQuery);
  // As the machine and drift lists do: a role by name (any case) or id, 404 for no such role.
  return json(await getConvergenceTrend({ ...query, role: await resolveRoleFilter(query.role) }));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
