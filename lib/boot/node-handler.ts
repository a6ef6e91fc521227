import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHeaders, sourceIpOf } from "@/lib/http/client-address";
import { TEXT_HEADERS, type BootHttpRequest } from "./reply";
import { serveBeacon, serveIpxe } from "./serve";

/**
 * Answers /api/boot/ipxe and /api/boot/beacon from node:http, without Next.js in the path:
 * the requests the lean front (lib/boot/front.ts) hands on, such as a second request on a
 * kept-alive connection. Expects the client address stamped into X-Forwarded-For
 * (lib/http/client-address.ts stampClientAddress), as report-in does. Returns false for
 * any other path so the caller can hand the request on.
 */
export async function answerBootRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = req.url ?? "/";
  const path = url.split("?")[0];
  const serve = path === "/api/boot/ipxe" ? serveIpxe : path === "/api/boot/beacon" ? serveBeacon : null;
  // GET only: a script request rotates the boot token, which no HEAD or probe should do.
  if (!serve || req.method !== "GET") return false;
  const boot: BootHttpRequest = {
    url,
    host: req.headers.host ?? null,
    sourceIp: sourceIpOf(nodeHeaders(req)),
    userAgent: req.headers["user-agent"] ?? null,
  };
  const reply = await serve(boot);
  res.writeHead(reply.status, { ...TEXT_HEADERS, "content-length": Buffer.byteLength(reply.body) });
  res.end(reply.body);
  return true;
}
