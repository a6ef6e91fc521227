// Starts the console: settings → database (embedded when DATABASE_URL is unset) →
// migrations → demo data on an empty embedded database → Next.js (`dev` or `start`).
import http from "node:http";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { startDatabase } from "../lib/db/start";
import { parseTrustedProxies, stampClientAddress } from "../lib/http/client-address";
import { generateSecretKey } from "../lib/secrets/crypto";
import { parseSettings } from "../lib/settings";
import { isEmpty, seedDemoFleet } from "../prisma/seed";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const log = (line: string) => console.log(`[fleetboot] ${line}`);

const parsed = parseSettings();
if (!parsed.ok) {
  console.error("[fleetboot] invalid settings (see .env.example):");
  for (const p of parsed.problems) console.error(`  - ${p}`);
  process.exit(2);
}
const settings = parsed.settings;

const database = await startDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.FLEETBOOT_DATA_DIR, log });

// BMC credentials and sessions are sealed with this key; without one configured, the console
// keeps its own next to its data. Several instances must share one key: set FLEETBOOT_SECRET_KEY.
const secretKey = settings.FLEETBOOT_SECRET_KEY ?? (await localSecretKey(settings.FLEETBOOT_DATA_DIR));
process.env.DATABASE_URL = database.url;
process.env.FLEETBOOT_SECRET_KEY = secretKey;

const seed = settings.FLEETBOOT_SEED_DEMO;
if (seed === "always" || (seed === "auto" && database.embedded)) {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  try {
    if (await isEmpty(client)) {
      const { machines } = await seedDemoFleet(client);
      log(`seeded the demo fleet (${machines} machines)`);
    }
  } finally {
    await client.$disconnect();
  }
}

await firstAdmin();

// Next.js runs in this process behind a plain node:http server: it sees the client's socket
// address (stamped into X-Forwarded-For for route handlers), and answers the boot-storm
// path (/api/boot/ipxe, /api/boot/beacon) from lib/ without the framework in between.
(process.env as Record<string, string>).NODE_ENV = mode === "dev" ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const { default: next } = await import("next");
const app = next({ dev: mode === "dev", dir: process.cwd(), hostname: settings.HOSTNAME, port: settings.PORT });
const handle = app.getRequestHandler();
await app.prepare();
const { answerBootRequest } = await import("../lib/boot/node-handler");
const proxies = parseTrustedProxies(settings.FLEETBOOT_TRUSTED_PROXIES);

const server = http.createServer((req, res) => {
  stampClientAddress(req, proxies);
  answerBootRequest(req, res)
    .then((answered) => (answered ? undefined : handle(req, res)))
    .catch((err) => {
      console.error("[fleetboot] request failed:", err);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error\n");
    });
});
if (mode === "dev") server.on("upgrade", app.getUpgradeHandler());
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve, reject) => {
  server.once("error", reject);
  server.listen(settings.PORT, settings.HOSTNAME, resolve);
});
log(`console on http://${settings.HOSTNAME === "0.0.0.0" ? "localhost" : settings.HOSTNAME}:${settings.PORT}`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections?.();
  await app.close().catch(() => undefined);
  await database.stop().catch((err) => console.error("[fleetboot] stopping PostgreSQL failed:", err));
  process.exit(code);
}
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

async function firstAdmin() {
  const { countUsers, createUser } = await import("../lib/auth/users");
  const { issueSetupToken } = await import("../lib/auth/setup");
  if ((await countUsers()) > 0) return;
  const email = process.env.FLEETBOOT_INITIAL_ADMIN_EMAIL;
  const password = process.env.FLEETBOOT_INITIAL_ADMIN_PASSWORD;
  if (email && password) {
    await createUser({ email, password, role: "admin" }, "FLEETBOOT_INITIAL_ADMIN_EMAIL");
    log(`created the first admin ${email} from FLEETBOOT_INITIAL_ADMIN_EMAIL`);
    return;
  }
  const token = await issueSetupToken();
  const base = settings.FLEETBOOT_PUBLIC_URL ?? `http://localhost:${settings.PORT}`;
  log("no user exists yet. Create the first admin with this one-time link (valid 24 h):");
  log(`  ${base}/setup?token=${token}`);
  log("or: npm run user:create -- --email you@example.com --role admin");
}

async function localSecretKey(dataDir: string): Promise<string> {
  const file = path.join(dataDir, "secret.key");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const key = generateSecretKey();
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  log(`generated a secret key for BMC credentials in ${file}; back it up, or set FLEETBOOT_SECRET_KEY`);
  return key;
}
