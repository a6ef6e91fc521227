import http from "node:http";
import https from "node:https";
import { PowerFailure } from "./driver";

export interface RedfishResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

export interface RedfishConnection {
  base: URL;
  tls: "verify" | "insecure" | "plain";
  timeoutMs: number;
  headers: Record<string, string>;
  /** One kept-alive connection for the requests of one action (see openRedfishConnection). */
  agent?: http.Agent;
}

/**
 * A connection to one BMC for the requests of one power action (log in, read, boot
 * override, reset, log out): they share a single kept-alive TCP (and TLS) connection, as
 * a BMC's TLS handshake can take longer than the request. close() drops it.
 */
export function openRedfishConnection(base: URL, tls: RedfishConnection["tls"], timeoutMs: number): RedfishConnection & { close(): void } {
  const options = { keepAlive: true, maxSockets: 1, rejectUnauthorized: tls === "verify" };
  const agent = base.protocol === "https:" ? new https.Agent(options) : new http.Agent(options);
  return { base, tls, timeoutMs, headers: {}, agent, close: () => agent.destroy() };
}

const MAX_BODY = 1024 * 1024;
const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|EPROTO)/;

/**
 * One Redfish request with node:http(s) rather than fetch: certificate checking can then be
 * switched off for one BMC (self-signed certificates are the norm on BMCs) without a
 * process-wide setting or an extra dependency. Every request is bounded by timeoutMs.
 */
export async function redfishRequest(conn: RedfishConnection, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<RedfishResponse> {
  try {
    return await send(conn, method, path, body, headers);
  } catch (err) {
    // The BMC closed the kept-alive connection as this request went out on it. Most likely
    // the request never reached it, so one that does the same however often it is sent is
    // sent once more on a new connection. A POST (a reset above all) is not: a machine is
    // never power-cycled twice for one action.
    if (!(err instanceof StaleConnection)) throw err;
    if (IDEMPOTENT.has(method)) return send(conn, method, path, body, headers);
    throw err.failure;
  }
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PATCH", "PUT", "DELETE"]);

class StaleConnection extends Error {
  constructor(readonly failure: PowerFailure) {
    super(failure.message);
  }
}

function send(conn: RedfishConnection, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<RedfishResponse> {
  const url = new URL(path, conn.base);
  const what = `${method} ${url.pathname}`;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = transport.request(
      url,
      {
        method,
        agent: conn.agent ?? false,
        signal: AbortSignal.timeout(conn.timeoutMs),
        rejectUnauthorized: conn.tls === "verify",
        headers: {
          accept: "application/json",
          "odata-version": "4.0",
          ...(payload === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(payload)) }),
          ...conn.headers,
          ...headers,
        },
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BODY) req.destroy(new PowerFailure("bmc_error", `${what}: the BMC sent more than ${MAX_BODY} bytes`));
          else chunks.push(chunk);
        });
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // Some BMCs answer errors with HTML; the text still says what went wrong.
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
        res.on("error", (err) => reject(transportFailure(err, what, conn)));
      },
    );
    req.on("error", (err: Error & { code?: string }) => {
      const failure = transportFailure(err, what, conn);
      reject(req.reusedSocket && !answered && err.code === "ECONNRESET" ? new StaleConnection(failure) : failure);
    });
    req.end(payload);
  });
}

function transportFailure(err: Error & { code?: string }, what: string, conn: RedfishConnection): PowerFailure {
  if (err instanceof PowerFailure) return err;
  const where = conn.base.host;
  if (err.name === "AbortError" || err.code === "ABORT_ERR" || err.name === "TimeoutError") {
    return new PowerFailure("timeout", `${what}: the BMC at ${where} did not answer within ${conn.timeoutMs} ms`);
  }
  const code = err.code ?? "";
  if (code === "ECONNREFUSED") return new PowerFailure("unreachable", `connection refused by ${where}: nothing listens there (wrong address or port, or the BMC is down)`);
  if (["EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ETIMEDOUT"].includes(code)) return new PowerFailure("unreachable", `no route to the BMC at ${where} (${code})`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return new PowerFailure("unreachable", `the BMC host name ${conn.base.hostname} does not resolve`);
  if (TLS_CODES.test(code)) {
    const hint = conn.tls === "verify" ? "; if the BMC has a self-signed certificate, turn off certificate verification for it" : "";
    return new PowerFailure("tls", `TLS with ${where} failed: ${err.message}${hint}`);
  }
  if (code === "ECONNRESET" || err.message === "socket hang up") return new PowerFailure("bmc_error", `${what}: the BMC at ${where} closed the connection without an answer`);
  return new PowerFailure("unreachable", `${what}: ${err.message}`);
}

/** The BMC's own words for an error response (Redfish puts them in @Message.ExtendedInfo). */
export function redfishMessage(body: unknown): string {
  const error = (body as { error?: { message?: string; "@Message.ExtendedInfo"?: { Message?: string }[] } } | null)?.error;
  const text = error?.["@Message.ExtendedInfo"]?.find((i) => i?.Message)?.Message ?? error?.message ?? (typeof body === "string" ? body.replace(/<[^>]*>/g, " ") : "");
  return text.replace(/\s+/g, " ").trim().slice(0, 300) || "no message";
}
