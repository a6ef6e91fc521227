import type { IncomingMessage, ServerResponse } from "node:http";
import { nodeHeaders, sourceIpOf } from "@/lib/http/client-address";
import { AppError, errorPayload } from "@/lib/http/errors";
import { type JsonBodySource, readJsonBody, webBodySource } from "@/lib/http/json-body";
import { consoleMetrics } from "@/lib/metrics/registry";
import { admitBootRequest } from "./gate";
import { reportIn, reportSchema } from "./report";

// POST /api/boot/report, answered the same way from the Next.js route handler and from the
// console's bare node:http front (scripts/serve.mts), where a boot storm's reports skip the
// framework. Machine-facing: no user login; limited by the allowed boot networks, a rate
// per source and the per-boot token in the body.

export const REPORT_PATH = "/api/boot/report";
const BODY_LIMIT = 4096;

export interface ReportHttpRequest extends JsonBodySource {
  sourceIp: string | null;
}

export interface JsonReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export async function answerReport(req: ReportHttpRequest): Promise<JsonReply> {
  const reply = await reportReply(req);
  consoleMetrics().bootReports.inc({ status: String(reply.status) });
  return reply;
}

async function reportReply(req: ReportHttpRequest): Promise<JsonReply> {
  try {
    const refused = await admitBootRequest(req.sourceIp, REPORT_PATH, "report");
    if (refused === "network") throw new AppError("forbidden", "this network may not report to the console");
    if (refused === "rate") return { status: 429, body: { error: { code: "rate_limited", message: "too many reports from this address; retry later" } }, headers: { "retry-after": "5" } };
    return { status: 202, body: await reportIn(await readJsonBody(req, reportSchema, BODY_LIMIT), req.sourceIp) };
  } catch (err) {
    return errorPayload(err);
  }
}

/** The route handler's request (the console's server stamped the client address into it). */
export function reportRequestFromWeb(req: Request): ReportHttpRequest {
  return { sourceIp: sourceIpOf(req.headers), ...webBodySource(req) };
}

function readNodeBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      req.off("end", onEnd);
      resolve(null);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.once("error", reject);
  });
}

/**
 * Answers POST /api/boot/report from node:http. Expects the client address stamped into
 * X-Forwarded-For (lib/http/client-address.ts stampClientAddress), as route handlers do.
 * Returns false for anything else so the caller can hand the request on.
 */
export async function answerReportRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== "POST" || (req.url ?? "/").split("?")[0] !== REPORT_PATH) return false;
  const headers = nodeHeaders(req);
  const reply = await answerReport({
    sourceIp: sourceIpOf(headers),
    contentType: headers.get("content-type") ?? "",
    declaredLength: Number(headers.get("content-length") ?? NaN),
    readBody: (limit) => readNodeBody(req, limit),
  });
  const body = JSON.stringify(reply.body);
  // A body left unread (too large, refused early) is not drained: the connection ends with the reply.
  const unread = !req.complete;
  res.writeHead(reply.status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    ...reply.headers,
    ...(unread ? { connection: "close" } : {}),
  });
  res.end(body);
  return true;
}
