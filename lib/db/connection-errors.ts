// What the console says when the database closes its connections. A PostgreSQL that is
// shutting down (Ctrl-C in a terminal reaches the embedded one too, as it shares the
// console's process group) ends every connection with "terminating connection due to
// administrator command": during the console's own shutdown that is expected and not
// worth a line per pool; otherwise it is said once, in words an operator can act on.

// On globalThis: the console loads lib/ twice (Next.js's bundle and scripts/serve.mts).
const state = globalThis as unknown as {
  fleetbootShuttingDown?: boolean;
  fleetbootErrorsSaid?: Map<string, { at: number; since: number }>;
};

const ADMIN_SHUTDOWN = "57P01";
/** The same error of the same part is said at most this often (a database that is away makes every worker fail each poll). */
const REPEAT_EVERY_MS = 30_000;

/** From now on this process is stopping: the database going away is expected and not worth a line. */
export function markShuttingDown(): void {
  state.fleetbootShuttingDown = true;
}

export function isAdminShutdown(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === ADMIN_SHUTDOWN || /terminating connection due to administrator command/.test(e?.message ?? "");
}

/**
 * Logs a database error of `what` (a pool, the job queue, the scheduler): nothing while this
 * process stops; a database shutting down once for the whole console; any other error once
 * per REPEAT_EVERY_MS per part and kind, with how many were left unsaid.
 */
export function reportConnectionError(what: string, err: unknown, log: (line: string) => void = (line) => console.error(line)): void {
  if (state.fleetbootShuttingDown) return;
  const e = err as { code?: string; message?: string } | null;
  const admin = isAdminShutdown(err);
  const key = admin ? "database shutdown" : `${what}|${e?.code ?? (e?.message ?? String(err)).slice(0, 80)}`;
  const said = (state.fleetbootErrorsSaid ??= new Map());
  const now = Date.now();
  const last = said.get(key);
  if (last && now - last.at < REPEAT_EVERY_MS) {
    last.since++;
    return;
  }
  said.set(key, { at: now, since: 0 });
  const more = last?.since ? ` (and ${last.since} more like it since the last)` : "";
  if (admin) log(`[fleetboot] the database is shutting down and closed the console's connections; they are opened again once it is back${more}`);
  else log(`[fleetboot] ${what}: ${e?.message ?? String(err)}${more}`);
}

/**
 * pg-boss ends its LISTEN connection after taking that connection's listeners off; if the
 * database goes away at that moment (Ctrl-C reaches the embedded PostgreSQL as well), the
 * connection reports the shutdown to nobody, as an uncaught exception. Once this process
 * is stopping (markShuttingDown), that error is expected; anything else goes to the
 * handlers installed before this call, or ends the process as Node.js would.
 */
export function passOverShutdownErrors(): void {
  const before = process.listeners("uncaughtException");
  process.removeAllListeners("uncaughtException");
  process.on("uncaughtException", (err, origin) => {
    if (state.fleetbootShuttingDown && isAdminShutdown(err)) return;
    if (!before.length) {
      console.error(err);
      process.exit(1);
    }
    for (const listener of before) listener(err, origin);
  });
}
