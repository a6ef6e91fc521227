import http, { type IncomingMessage, type ServerResponse } from "node:http";
import { stampClientAddress, type CidrRange } from "@/lib/http/client-address";
import { AppError, errorPayload } from "@/lib/http/errors";
import { createBootFront, type BootFrontOptions } from "./front";
import { answerBootRequest } from "./node-handler";
import { answerReportRequest } from "./report-handler";

export interface ConsoleServer {
  /** Where everything that is not a fast-path boot request is answered (Next.js attaches here). */
  http: http.Server;
  /** The socket to listen on: lib/boot/front.ts in front of `http`. */
  front: ReturnType<typeof createBootFront>;
}

/**
 * The console's HTTP server: boot-script requests answered by the lean front, then on
 * node:http the client's address stamped into X-Forwarded-For, the boot paths and
 * report-in answered from lib/boot, and everything else handed to `rest` (Next.js).
 * scripts/serve.mts, the boot benchmark and the tests' boot server all run this one.
 */
export function createConsoleServer(
  opts: { proxies: CidrRange[]; rest: (req: IncomingMessage, res: ServerResponse) => unknown } & Omit<BootFrontOptions, "proxies">,
): ConsoleServer {
  const server = http.createServer((req, res) => {
    stampClientAddress(req, opts.proxies);
    answerBootRequest(req, res)
      .then((answered) => answered || answerReportRequest(req, res))
      .then((answered) => answered || refuseMalformedPath(req, res) || opts.rest(req, res))
      .catch((err) => {
        console.error("[fleetboot] request failed:", err);
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.end("internal error\n");
      });
  });
  return { http: server, front: createBootFront(server, { proxies: opts.proxies, timeoutMs: opts.timeoutMs, sweepMs: opts.sweepMs }) };
}

/**
 * A path whose %-escapes do not decode (`/machines/%E0%A4%A`) is refused here with 400:
 * Next.js answers some of them with a bare 500. API paths get the contract's error body.
 */
function refuseMalformedPath(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "/").split("?")[0];
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    const message = "the URL path has a malformed %-escape";
    const api = path.startsWith("/api/");
    const body = api ? JSON.stringify(errorPayload(new AppError("bad_request", message)).body) : `400 Bad Request: ${message}\n`;
    res.writeHead(400, { "content-type": api ? "application/json" : "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
    return true;
  }
}
