import { requireActor } from "@/lib/auth/request";
import { trendQuery } from "@/lib/fleet/schema";
import { getConvergenceTrend } from "@/lib/fleet/trend-queries";
import { handle, json, readQuery } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await getConvergenceTrend(readQuery(req, trendQuery)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
