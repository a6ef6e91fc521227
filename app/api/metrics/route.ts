import { requireActor } from "@/lib/auth/request";
import { handle } from "@/lib/http/respond";
import { renderMetrics } from "@/lib/metrics/render";
import { otherMethods } from "@/lib/http/methods";

// Prometheus text format. Any user or token that may read the fleet may scrape it
// (a scrape config's `authorization: { credentials: <token> }`).
export const GET = handle(async (req) => {
  await requireActor(req, "read");
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
