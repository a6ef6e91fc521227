import { requireActor } from "@/lib/auth/request";
import { buildDhcpConfig } from "@/lib/dhcp/build";
import { matchesIfNoneMatch } from "@/lib/dhcp/etag";
import { dhcpFormat, dhcpQuerySchema } from "@/lib/dhcp/schema";
import { AppError } from "@/lib/http/errors";
import { handle, readQuery } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

// GET /api/dhcp/isc | kea | dnsmasq: the whole config, with an ETag so that config
// management can poll cheaply (If-None-Match → 304).
export const GET = handle(async (req, ctx: { params: Promise<{ format: string }> }) => {
  await requireActor(req, "read");
  const format = dhcpFormat.safeParse((await ctx.params).format);
  if (!format.success) throw new AppError("not_found", "no such DHCP format; use isc, kea or dnsmasq");
  const query = readQuery(req, dhcpQuerySchema);
  const config = await buildDhcpConfig(format.data, { ...query, host: req.headers.get("host") ?? new URL(req.url).host });
  const headers = { etag: config.etag, "cache-control": "no-cache" };
  if (matchesIfNoneMatch(req.headers.get("if-none-match"), config.etag)) return new Response(null, { status: 304, headers });
  return new Response(config.text, { status: 200, headers: { ...headers, "content-type": config.contentType } });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
