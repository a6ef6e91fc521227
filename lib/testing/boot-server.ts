import http from "node:http";
import type { AddressInfo } from "node:net";
import { POST as report } from "@/app/api/boot/report/route";
import { answerBootRequest } from "@/lib/boot/node-handler";

/**
 * The console's machine-facing endpoints (boot script, beacon, report-in) on a loopback
 * port, for tests that boot simulated machines without a Next.js server: the same
 * handlers the console runs, behind plain node:http.
 */
export async function startBootServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        if (await answerBootRequest(req, res)) return;
        if (req.method === "POST" && req.url === "/api/boot/report") {
          const chunks: Buffer[] = [];
          for await (const c of req) chunks.push(c as Buffer);
          const headers = new Headers({ "content-type": String(req.headers["content-type"] ?? ""), "x-forwarded-for": req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "" });
          const answer = await report(new Request(`http://${req.headers.host}/api/boot/report`, { method: "POST", headers, body: Buffer.concat(chunks) }), undefined);
          res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
          return;
        }
        res.writeHead(404).end();
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
