import type { AddressInfo } from "node:net";
import { createConsoleServer } from "@/lib/boot/console-server";

/**
 * The console's machine-facing endpoints (boot script, beacon, report-in) on a loopback
 * port, for tests that boot simulated machines without Next.js: the console's own server
 * (lib/boot/console-server.ts), with a 404 where Next.js would answer.
 */
export async function startBootServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const { front } = createConsoleServer({ proxies: [], rest: (_req, res) => res.writeHead(404).end() });
  await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
  const { port } = front.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      front.closeAllConnections();
      return new Promise((r) => front.close(() => r()));
    },
  };
}
