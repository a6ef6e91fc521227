import { STATUS_CODES, type Server as HttpServer } from "node:http";
import net from "node:net";
import { clientAddress, type CidrRange } from "@/lib/http/client-address";
import { renderErrorScript } from "./render-hold";
import { TEXT_HEADERS, type BootHttpRequest, type TextReply } from "./reply";
import { serveBeacon, serveIpxe } from "./serve";

// The console's listening socket. A boot storm is thousands of iPXE clients each opening a
// connection, sending one GET for a script and closing it again; node:http's request and
// response objects cost more per connection than the script itself (bench/boot.bench.mts).
// So the first request of each connection is looked at here, and only a request of exactly
// the shape iPXE and curl send for the boot scripts is answered directly:
//
//   - its whole head came in the connection's first read, with nothing after it;
//   - `GET /api/boot/ipxe` or `GET /api/boot/beacon`, HTTP/1.0 or 1.1, a plain target;
//   - every header line well formed, one Host, and no body, upgrade or Expect.
//
// The answer is the same reply the node:http path gives (lib/boot/serve.ts) and the
// connection is closed after it. Everything else, including any request that is in doubt,
// is handed unread to node:http (Next.js and the other routes), which judges it in full.

const MAX_FAST_HEAD = 8192;
const REQUEST_LINE = /^GET (\/api\/boot\/(ipxe|beacon)(?:\?[\x21-\x7e]*)?) HTTP\/1\.([01])$/;
const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):[ \t]*([\x20-\x7e\t]*?)[ \t]*$/;
// A request with any of these is not the plain GET this path answers.
const NOT_PLAIN = new Set(["content-length", "transfer-encoding", "upgrade", "expect"]);

export interface FastHead {
  path: "ipxe" | "beacon";
  url: string;
  host: string | null;
  userAgent: string | null;
  forwardedFor: string | undefined;
}

/** The boot request in `head` (one read's bytes), or null when node:http should judge it. */
export function parseFastHead(head: Buffer): FastHead | null {
  if (head.length > MAX_FAST_HEAD) return null;
  const text = head.toString("latin1");
  const end = text.indexOf("\r\n\r\n");
  if (end < 0 || end + 4 !== text.length) return null;
  const lines = text.slice(0, end).split("\r\n");
  const request = REQUEST_LINE.exec(lines[0]);
  if (!request) return null;
  let host: string | null = null;
  let userAgent: string | null = null;
  let forwardedFor: string | undefined;
  for (let i = 1; i < lines.length; i++) {
    const header = HEADER_LINE.exec(lines[i]);
    if (!header) return null;
    const name = header[1].toLowerCase();
    const value = header[2];
    if (NOT_PLAIN.has(name)) return null;
    if (name === "host") {
      if (host !== null) return null;
      host = value;
    } else if (name === "user-agent") userAgent ??= value;
    else if (name === "x-forwarded-for") {
      if (forwardedFor !== undefined) return null;
      forwardedFor = value;
    }
  }
  // HTTP/1.1 requires a Host (node:http answers 400 without one).
  if (request[3] === "1" && host === null) return null;
  return { path: request[2] as FastHead["path"], url: request[1], host, userAgent, forwardedFor };
}

let dateLine = "";
let dateSecond = -1;
function httpDate(): string {
  const second = Math.floor(Date.now() / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateLine = new Date(second * 1000).toUTCString();
  }
  return dateLine;
}

/** A whole HTTP/1.1 response for a reply, as one string; the connection closes after it. */
export function serializeReply(reply: TextReply): string {
  return (
    `HTTP/1.1 ${reply.status} ${STATUS_CODES[reply.status] ?? "Unknown"}\r\n` +
    `content-type: ${TEXT_HEADERS["content-type"]}\r\ncache-control: ${TEXT_HEADERS["cache-control"]}\r\n` +
    `content-length: ${Buffer.byteLength(reply.body)}\r\ndate: ${httpDate()}\r\nconnection: close\r\n\r\n${reply.body}`
  );
}

export interface BootFrontOptions {
  /** FLEETBOOT_TRUSTED_PROXIES: whose X-Forwarded-For is believed. */
  proxies: CidrRange[];
  /**
   * How long a connection may stay open before it has been handed over to node:http or
   * closed (node:http's headersTimeout is a minute too). Checked every `sweepMs`.
   */
  timeoutMs?: number;
  sweepMs?: number;
}

const FAILED: TextReply = { status: 500, body: renderErrorScript("the console failed to answer") };

/**
 * A server to listen on in place of `http`: boot-script requests are answered directly,
 * every other connection goes to `http` as if it had accepted it itself.
 */
export function createBootFront(http: HttpServer, opts: BootFrontOptions): net.Server & { closeAllConnections(): void } {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  // Connections still ours (not handed over), with when they were accepted. One sweep a
  // second instead of a timer per connection: thousands of connections a second each
  // arming and clearing a timer cost more than the sweep.
  const open = new Map<net.Socket, number>();
  const sweep = setInterval(() => {
    const before = Date.now() - timeoutMs;
    for (const [socket, at] of open) if (at < before) socket.destroy();
  }, opts.sweepMs ?? 1000);
  sweep.unref();

  function onError(this: net.Socket) {
    this.destroy();
  }
  function onClose(this: net.Socket) {
    open.delete(this);
  }
  // A client that closes its side before sending anything is done.
  function onEnd(this: net.Socket) {
    if (this.bytesRead === 0) this.destroy();
  }

  const handOver = (socket: net.Socket, first: Buffer) => {
    open.delete(socket);
    socket.removeListener("error", onError).removeListener("close", onClose).removeListener("end", onEnd);
    // As node:http's own server sets up its sockets: pages and event streams are written
    // in pieces, which Nagle's algorithm would hold back.
    socket.setNoDelay(true);
    socket.pause();
    socket.unshift(first);
    http.emit("connection", socket);
    socket.resume();
  };

  const answer = (socket: net.Socket, head: FastHead) => {
    const req: BootHttpRequest = {
      url: head.url,
      host: head.host,
      sourceIp: clientAddress(socket.remoteAddress, head.forwardedFor, opts.proxies),
      userAgent: head.userAgent,
    };
    (head.path === "ipxe" ? serveIpxe : serveBeacon)(req)
      .catch((err: unknown) => {
        console.error("[fleetboot] boot request failed:", err);
        return FAILED;
      })
      // The client closes on `connection: close`, or the sweep closes it for them.
      .then((reply) => socket.destroyed || socket.end(serializeReply(reply)));
  };

  // Half-open like node:http's server: a client may close its side after its request and
  // still read the answer.
  const front = net.createServer({ allowHalfOpen: true }, (socket) => {
    open.set(socket, Date.now());
    socket.on("error", onError).once("close", onClose).once("end", onEnd);
    socket.once("data", (first: Buffer) => {
      const head = parseFastHead(first);
      if (head) answer(socket, head);
      else handOver(socket, first);
    });
  });
  front.once("close", () => clearInterval(sweep));
  return Object.assign(front, {
    closeAllConnections() {
      for (const socket of open.keys()) socket.destroy();
      open.clear();
      http.closeAllConnections?.();
    },
  });
}
