import { sourceIpOf } from "@/lib/http/client-address";
// The boot endpoints answer the same way from a Next.js route handler and from the bare
// node:http front (lib/boot/node-handler.ts): a status and an iPXE script as text/plain.

export interface BootHttpRequest {
  /** Path and query, as received. */
  url: string;
  host: string | null;
  sourceIp: string | null;
  userAgent: string | null;
}

export interface TextReply {
  status: number;
  body: string;
}

export const TEXT_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  // Every script carries a fresh token and the current desired version: never cache one.
  "cache-control": "no-store",
};

export function bootRequestFromWeb(req: Request): BootHttpRequest {
  const url = new URL(req.url);
  return {
    url: `${url.pathname}${url.search}`,
    host: req.headers.get("host") ?? url.host,
    sourceIp: sourceIpOf(req.headers),
    userAgent: req.headers.get("user-agent"),
  };
}

export function webResponse(reply: TextReply): Response {
  return new Response(reply.body, { status: reply.status, headers: TEXT_HEADERS });
}

/**
 * HEAD on a boot path. Next.js would otherwise answer HEAD by running GET, and a script
 * request rotates the machine's boot token and records a boot: no probe may do that.
 */
export function headNotAllowed(): Response {
  return new Response(null, { status: 405, headers: { allow: "GET, OPTIONS", "cache-control": "no-store" } });
}
