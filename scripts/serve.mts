// Starts the console: settings → database (embedded when DATABASE_URL is unset) →
// migrations → demo data on an empty embedded database → Next.js (`dev` or `start`).
import { db, disconnectDb } from "../lib/db";
import { markShuttingDown, passOverShutdownErrors } from "../lib/db/connection-errors";
import { startDatabase } from "../lib/db/start";
import { parseCidrList } from "../lib/http/client-address";
import { localSecretKey } from "../lib/secrets/key-file";
import { settingsOrExit } from "../lib/settings";
import { isEmpty, seedDemoFleet } from "../prisma/seed";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const log = (line: string) => console.log(`[fleetboot] ${line}`);

const settings = settingsOrExit();

const database = await startDatabase({ databaseUrl: settings.DATABASE_URL, dataDir: settings.FLEETBOOT_DATA_DIR, log });

// BMC credentials and sessions are sealed with this key; without one configured, the console
// keeps its own next to its data. Several instances must share one key: set FLEETBOOT_SECRET_KEY.
const secretKey = settings.FLEETBOOT_SECRET_KEY ?? (await localSecretKey(settings.FLEETBOOT_DATA_DIR, log));
process.env.DATABASE_URL = database.url;
process.env.FLEETBOOT_SECRET_KEY = secretKey;

const seed = settings.FLEETBOOT_SEED_DEMO;
if (seed === "always" || (seed === "auto" && database.embedded)) {
  // The same client the first-admin step below uses (lib/db reads DATABASE_URL, set above).
  if (await isEmpty(db)) {
    const { machines } = await seedDemoFleet(db);
    log(`seeded the demo fleet (${machines} machines)`);
  }
}

await firstAdmin();

// Next.js runs in this process behind the console's own server (lib/boot/console-server.ts):
// boot-script requests are answered by a lean front on the listening socket, the boot
// paths and report-in from lib/ on node:http, with the client's socket address stamped
// into X-Forwarded-For for route handlers, and everything else by Next.js.
(process.env as Record<string, string>).NODE_ENV = mode === "dev" ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const { default: next } = await import("next");
const app = next({ dev: mode === "dev", dir: process.cwd(), hostname: settings.HOSTNAME, port: settings.PORT });
const handle = app.getRequestHandler();
await app.prepare();
const { createConsoleServer } = await import("../lib/boot/console-server");
// Loaded now, not at shutdown: Ctrl-C in a terminal also stops the TypeScript loader's
// helper process (same process group), after which nothing new can be imported.
const [{ stopWorkers }, { stopEventHub }] = await Promise.all([import("../lib/jobs/workers"), import("../lib/events/live")]);

// After Next.js has installed its own handlers, which this one passes everything else to.
passOverShutdownErrors();
const proxies = parseCidrList(settings.FLEETBOOT_TRUSTED_PROXIES);

const { http: server, front } = createConsoleServer({ proxies, rest: handle });
if (mode === "dev") server.on("upgrade", app.getUpgradeHandler());
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve, reject) => {
  front.once("error", reject);
  front.listen(settings.PORT, settings.HOSTNAME, resolve);
});
log(`console on http://${settings.HOSTNAME === "0.0.0.0" ? "localhost" : settings.HOSTNAME}:${settings.PORT}`);

let stopping = false;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  markShuttingDown();
  try {
    front.close();
    front.closeAllConnections();
    await app.close().catch(() => undefined);
    // Background work and the event stream let go of the database before it stops.
    await Promise.race([Promise.all([stopWorkers(), stopEventHub()]), new Promise((r) => setTimeout(r, 15_000))]).catch(() => undefined);
    await disconnectDb().catch(() => undefined);
    await database.stop().catch((err) => console.error("[fleetboot] stopping PostgreSQL failed:", err));
  } catch (err) {
    console.error("[fleetboot] stopping:", err);
  } finally {
    process.exit(code);
  }
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
