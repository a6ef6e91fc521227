import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { parseCidrList } from "@/lib/http/client-address";
import { useTestDatabase } from "@/lib/testing/db";
import { createConsoleServer } from "./console-server";
import { parseFastHead } from "./front";

// The console's listening socket (lib/boot/front.ts): boot-script GETs answered directly,
// everything else handed to node:http. Real sockets, a real database.

useTestDatabase();

const head = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n\r\n`, "latin1");
const IPXE = ["GET /api/boot/ipxe?mac=52:54:00:12:34:56&arch=x86_64&platform=pcbios HTTP/1.1", "Connection: keep-alive", "User-Agent: iPXE/1.0.0+ (g4bd064de)", "Host: 10.0.2.2:3000"];

describe("parseFastHead", () => {
  it("takes the GETs iPXE and curl send for scripts and beacons", () => {
    expect(parseFastHead(head(IPXE))).toEqual({
      path: "ipxe",
      url: "/api/boot/ipxe?mac=52:54:00:12:34:56&arch=x86_64&platform=pcbios",
      host: "10.0.2.2:3000",
      userAgent: "iPXE/1.0.0+ (g4bd064de)",
      forwardedFor: undefined,
    });
    expect(parseFastHead(head(["GET /api/boot/beacon?mac=x&boot=y&stage=kernel HTTP/1.1", "Host: c", "User-Agent: curl/7.88.1", "Accept: */*"]))?.path).toBe("beacon");
    expect(parseFastHead(head(["GET /api/boot/ipxe HTTP/1.0"]))).toMatchObject({ path: "ipxe", host: null });
    expect(parseFastHead(head(["GET /api/boot/ipxe HTTP/1.1", "host:c", "X-Forwarded-For: 10.1.1.1, 10.2.2.2"]))).toMatchObject({ host: "c", forwardedFor: "10.1.1.1, 10.2.2.2" });
  });

  it.each([
    ["another method", ["POST /api/boot/ipxe HTTP/1.1", "Host: c"]],
    ["HEAD, which must not rotate a token", ["HEAD /api/boot/ipxe HTTP/1.1", "Host: c"]],
    ["another path", ["GET /machines HTTP/1.1", "Host: c"]],
    ["a longer path", ["GET /api/boot/ipxe/x HTTP/1.1", "Host: c"]],
    ["report-in", ["GET /api/boot/report HTTP/1.1", "Host: c"]],
    ["a lower-case method", ["get /api/boot/ipxe HTTP/1.1", "Host: c"]],
    ["HTTP/2 preface", ["PRI * HTTP/2.0"]],
    ["HTTP/1.1 without Host", ["GET /api/boot/ipxe HTTP/1.1", "User-Agent: x"]],
    ["two Hosts", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "Host: b"]],
    ["two X-Forwarded-For", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "X-Forwarded-For: 1.1.1.1", "X-Forwarded-For: 2.2.2.2"]],
    ["a body", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "Content-Length: 3"]],
    ["chunked", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "Transfer-Encoding: chunked"]],
    ["an upgrade", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "Connection: Upgrade", "Upgrade: websocket"]],
    ["Expect", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "Expect: 100-continue"]],
    ["a space before the colon", ["GET /api/boot/ipxe HTTP/1.1", "Host : a"]],
    ["a folded header", ["GET /api/boot/ipxe HTTP/1.1", "Host: a", "X-A: b", " c"]],
    ["a control character", ["GET /api/boot/ipxe HTTP/1.1", "Host: a\x01"]],
    ["a space in the target", ["GET /api/boot/ipxe?mac=a b HTTP/1.1", "Host: a"]],
    ["a bare LF line", ["GET /api/boot/ipxe HTTP/1.1\nHost: a"]],
  ])("hands %s to node:http", (_, lines) => {
    expect(parseFastHead(head(lines))).toBeNull();
  });

  it("hands on a head that is incomplete, followed by more bytes, or over 8 KB", () => {
    expect(parseFastHead(Buffer.from(`${IPXE.join("\r\n")}\r\n`))).toBeNull();
    expect(parseFastHead(Buffer.concat([head(IPXE), head(IPXE)]))).toBeNull();
    expect(parseFastHead(head([...IPXE, `X-Pad: ${"a".repeat(8200)}`]))).toBeNull();
  });
});

interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: string;
  closed: boolean;
}

/**
 * Sends `chunks` (each its own write, 30 ms apart) on one connection, then half-closes it
 * when `halfClose`; reads until the peer closes or `waitMs` passes.
 */
function raw(url: string, chunks: string[], waitMs = 3000, halfClose = false): Promise<RawReply[]> {
  const { port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    let data = "";
    let closed = false;
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => (data += d));
    socket.on("error", reject);
    socket.on("close", () => {
      closed = true;
      finish();
    });
    const timer = setTimeout(() => finish(), waitMs);
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseReplies(data, closed));
    }
    socket.on("connect", async () => {
      for (const [i, c] of chunks.entries()) {
        if (i > 0) await new Promise((r) => setTimeout(r, 30));
        socket.write(c);
      }
      if (halfClose) socket.end();
    });
  });
}

function parseReplies(data: string, closed: boolean): RawReply[] {
  const out: RawReply[] = [];
  let rest = data;
  while (rest.length > 0) {
    const end = rest.indexOf("\r\n\r\n");
    if (end < 0) break;
    const [status, ...lines] = rest.slice(0, end).split("\r\n");
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
    const length = Number(headers["content-length"] ?? rest.length - end - 4);
    out.push({ status: Number(status.split(" ")[1]), headers, body: Buffer.from(rest.slice(end + 4), "latin1").subarray(0, length).toString("utf8"), closed });
    rest = Buffer.from(rest.slice(end + 4), "latin1").subarray(length).toString("latin1");
  }
  return out;
}

const request = (path: string, extra: string[] = [], method = "GET") => `${[`${method} ${path} HTTP/1.1`, "Host: 10.0.2.2:3000", "User-Agent: iPXE/1.0.0+", ...extra].join("\r\n")}\r\n\r\n`;

describe("the console server's front", () => {
  let url = "";
  let stop: () => Promise<void>;
  const restSeen: string[] = [];

  const start = async (proxies = "", timeoutMs?: number) => {
    const { front } = createConsoleServer({
      proxies: parseCidrList(proxies),
      rest: (req, res) => {
        restSeen.push(`${req.method} ${req.url} xff=${req.headers["x-forwarded-for"]}`);
        res.writeHead(404, { "content-type": "text/plain", "content-length": "5" }).end("rest\n");
      },
      timeoutMs,
      sweepMs: 50,
    });
    await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(front.address() as net.AddressInfo).port}`;
    stop = () => {
      front.closeAllConnections();
      return new Promise((r) => front.close(() => r()));
    };
  };
  beforeAll(() => start());
  afterAll(() => stop());
  afterEach(() => {
    delete process.env.FLEETBOOT_PUBLIC_URL;
    delete process.env.FLEETBOOT_BOOT_NETWORKS;
    restSeen.length = 0;
  });

  it("answers a script request in one read, and the same request split over two reads alike through node:http", async () => {
    process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.2.2:3000";
    const whole = request("/api/boot/ipxe");
    const [fast] = await raw(url, [whole]);
    const [slow] = await raw(url, [whole.slice(0, 20), whole.slice(20)], 500);
    expect(fast.status).toBe(200);
    expect(fast.body).toMatch(/^#!ipxe\nchain http:\/\/10\.0\.2\.2:3000\/api\/boot\/ipxe\?mac=\$\{net0\/mac\}/);
    expect(fast.closed).toBe(true);
    expect(fast.headers).toMatchObject({ "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close", "content-length": String(Buffer.byteLength(fast.body)) });
    expect(new Date(fast.headers.date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(slow).toMatchObject({ status: 200, body: fast.body });
    expect(slow.headers).toMatchObject({ "content-type": fast.headers["content-type"], "cache-control": "no-store" });
    expect(restSeen).toEqual([]);
  });

  it("answers a per-MAC script on the fast path, with its token written before the answer", async () => {
    process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.2.2:3000";
    const image = await db.image.create({ data: { name: "debian-front" } });
    const v = await db.imageVersion.create({ data: { imageId: image.id, version: "1", kernelPath: "f/vmlinuz", initrdPath: "f/initrd.img", squashfsPath: "f/filesystem.squashfs" } });
    const role = await db.role.create({ data: { name: "front", desiredVersionId: v.id } });
    await db.mirror.create({ data: { name: "front-m1", baseUrl: "http://10.9.0.10/img" } });
    await db.machine.create({ data: { hostname: "front-01", roleId: role.id, maintenance: false, interfaces: { create: [{ mac: "52:54:00:fe:00:01" }] } } });
    const [reply] = await raw(url, [request("/api/boot/ipxe?mac=52-54-00-FE-00-01")]);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain("hostname=front-01");
    expect(reply.body).toContain("kernel http://10.9.0.10/img/f/vmlinuz");
    const m = await db.machine.findFirstOrThrow({ where: { hostname: "front-01" } });
    expect(m.state).toBe("booting");
    expect(m.bootTokenHash).not.toBeNull();
    const [bad] = await raw(url, [request("/api/boot/ipxe?mac=not-a-mac")]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/^#!ipxe\n/);
  });

  it("hands every other request to node:http: other paths, report-in with its body, and a kept-alive connection's next request", async () => {
    process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.2.2:3000";
    const replies = await raw(url, [request("/machines"), request("/api/boot/ipxe")], 1000);
    expect(replies.map((r) => r.status)).toEqual([404, 200]);
    expect(replies[1].body).toMatch(/^#!ipxe\nchain /);
    expect(restSeen).toEqual(["GET /machines xff=127.0.0.1"]);
    const body = "{}";
    const [report] = await raw(url, [`${request("/api/boot/report", ["Content-Type: application/json", `Content-Length: ${body.length}`], "POST")}${body}`]);
    expect(report.status).toBe(400);
    expect(report.headers["content-type"]).toBe("application/json");
  });

  it("answers a client that closes its side after the request, on both paths", async () => {
    process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.2.2:3000";
    const whole = request("/api/boot/ipxe");
    const [fast] = await raw(url, [whole], 3000, true);
    const [slow] = await raw(url, [whole.slice(0, 20), whole.slice(20)], 3000, true);
    expect(fast?.status).toBe(200);
    expect(fast.body).toMatch(/^#!ipxe\nchain /);
    expect(slow?.status).toBe(200);
    expect(slow.body).toBe(fast.body);
  });

  it("lets node:http refuse a malformed request", async () => {
    const [reply] = await raw(url, ["GET /api/boot/ipxe HTTP/1.1\r\nHost: a\r\nBad Header Line\r\n\r\n"]);
    expect(reply.status).toBe(400);
    expect(reply.closed).toBe(true);
  });

  it("refuses a path whose %-escapes do not decode with 400, before Next.js sees it", async () => {
    const [page, api, fine] = await Promise.all([raw(url, [request("/machines/%E0%A4%A")]), raw(url, [request("/api/machines/%E0%A4%A?x=1")]), raw(url, [request("/machines/52%3A54")])]);
    expect(page[0].status).toBe(400);
    expect(page[0].body).toBe("400 Bad Request: the URL path has a malformed %-escape\n");
    expect(api[0].status).toBe(400);
    expect(api[0].headers["content-type"]).toBe("application/json");
    expect(JSON.parse(api[0].body)).toEqual({ error: { code: "bad_request", message: "the URL path has a malformed %-escape" } });
    expect(fine[0].status).toBe(404);
    expect(restSeen).toEqual(["GET /machines/52%3A54 xff=127.0.0.1"]);
  });

  it("believes X-Forwarded-For only from a trusted proxy, on both paths", async () => {
    process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.2.2:3000";
    process.env.FLEETBOOT_BOOT_NETWORKS = "10.9.0.0/16";
    const asked = request("/api/boot/ipxe", ["X-Forwarded-For: 10.9.1.2"]);
    const statuses = async () => [(await raw(url, [asked]))[0].status, (await raw(url, [asked.slice(0, 20), asked.slice(20)], 500))[0].status];
    expect(await statuses()).toEqual([403, 403]);
    await stop();
    await start("127.0.0.0/8");
    expect(await statuses()).toEqual([200, 200]);
    const [direct] = await raw(url, [request("/api/boot/ipxe")]);
    expect(direct.status).toBe(403);
  });

  it("closes a connection that closes its side without a request, at once", async () => {
    const started = Date.now();
    expect(await raw(url, [], 5000, true)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("closes a connection that sends nothing", async () => {
    await stop();
    await start("", 200);
    const started = Date.now();
    const replies = await raw(url, [], 5000);
    expect(replies).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(Date.now() - started).toBeLessThan(4000);
  });
});
