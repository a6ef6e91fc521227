import pg from "pg";

export interface StreamEvent {
  id: bigint;
  kind: string;
  machineId: string | null;
  rolloutId: string | null;
  payload: unknown;
  createdAt: Date;
}

type Listener = (events: StreamEvent[]) => void;

const CHANNEL = "fleetboot_events";
const BATCH = 1000;
const IDLE_POLL_MS = 1000;
const GAP_POLL_MS = 50;

// Above every xid assigned so far (it is assigned now, to this statement's transaction).
const FRESH_XID = "pg_current_xact_id()::text";

const SELECT = `SELECT id::text, kind, machine_id, rollout_id, payload, created_at FROM events`;

function toEvent(r: Record<string, unknown>): StreamEvent {
  return {
    id: BigInt(r.id as string),
    kind: r.kind as string,
    machineId: r.machine_id as string | null,
    rolloutId: r.rollout_id as string | null,
    payload: r.payload,
    createdAt: r.created_at as Date,
  };
}

/**
 * Delivers every committed event to this process's subscribers exactly once, in id order.
 *
 * Ids come from a sequence, so a transaction holding id 41 can commit after one holding 42.
 * The hub never passes a gap until it is settled: when it sees one it takes a fresh xid
 * (pg_current_xact_id() of its own, empty transaction). Event ids are drawn only after
 * the inserting transaction has an xid (fleetboot_next_event_id), so the missing ids
 * belong to transactions with smaller xids; once every transaction below the fresh one
 * has ended, a still-missing id was rolled back and will never appear. (A snapshot's
 * xmax would not do: it is one past the latest *completed* xid, and a transaction still
 * running can hold an xid above it.) Everything up to `horizon` is final, which is what
 * replay relies on.
 */
export class EventHub {
  horizon = 0n;
  private readonly pool: pg.Pool;
  private listenClient?: pg.Client;
  private readonly listeners = new Set<Listener>();
  private gap?: { from: bigint; to: bigint; xmax: string; settled: boolean };
  private timer?: ReturnType<typeof setTimeout>;
  private polling?: Promise<void>;
  private again = false;
  private stopped = false;
  readonly ready: Promise<void>;

  constructor(private readonly url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
    // Idle pool connections can be cut (server restart, database dropped); queries retry.
    this.pool.on("error", () => undefined);
    this.ready = this.start();
  }

  private async start() {
    // Ids at or below the current maximum are final once the transactions that hold an
    // xid now have ended.
    const { rows } = await this.pool.query(`SELECT coalesce(max(id), 0)::text AS max, ${FRESH_XID} AS xmax FROM events`);
    await this.waitForTransactionsBefore(rows[0].xmax);
    this.horizon = BigInt(rows[0].max);
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", () => this.poll());
    client.on("error", () => this.reconnect());
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listenClient = client;
    this.schedule(IDLE_POLL_MS);
  }

  private async waitForTransactionsBefore(xmax: string) {
    for (;;) {
      const { rows } = await this.pool.query("SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS done", [xmax]);
      if (rows[0].done) return;
      await new Promise((r) => setTimeout(r, GAP_POLL_MS));
    }
  }

  private reconnect() {
    if (this.stopped) return;
    this.listenClient?.removeAllListeners();
    this.listenClient = undefined;
    // Polling keeps delivering meanwhile; LISTEN only makes it prompt.
    setTimeout(() => {
      if (this.stopped) return;
      const client = new pg.Client({ connectionString: this.url });
      client.on("notification", () => this.poll());
      client.on("error", () => this.reconnect());
      client.connect().then(() => client.query(`LISTEN ${CHANNEL}`)).then(() => (this.listenClient = client), () => this.reconnect());
    }, 1000);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Committed, final events with from < id ≤ to, in order (for replay). */
  async readRange(from: bigint, to: bigint, limit = BATCH): Promise<StreamEvent[]> {
    const { rows } = await this.pool.query(`${SELECT} WHERE id > $1 AND id <= $2 ORDER BY events.id LIMIT $3`, [from.toString(), to.toString(), limit]);
    return rows.map(toEvent);
  }

  poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    this.polling = (async () => {
      try {
        do {
          this.again = false;
          await this.advance();
        } while (this.again && !this.stopped);
      } catch {
        // A failed poll is retried by the timer; nothing was delivered past the horizon.
      } finally {
        this.polling = undefined;
        this.schedule(this.gap ? GAP_POLL_MS : IDLE_POLL_MS);
      }
    })();
    return this.polling;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.poll(), ms);
    this.timer.unref?.();
  }

  private async advance() {
    const { rows } = await this.pool.query(`${SELECT} WHERE id > $1 ORDER BY events.id LIMIT $2`, [this.horizon.toString(), BATCH]);
    const out: StreamEvent[] = [];
    let expected = this.horizon + 1n;
    for (const row of rows.map(toEvent)) {
      if (row.id !== expected && !(await this.passGap(expected, row.id))) break;
      out.push(row);
      expected = row.id + 1n;
    }
    if (!out.length) return;
    this.horizon = out[out.length - 1].id;
    if (this.gap && this.horizon >= this.gap.to) this.gap = undefined;
    for (const l of this.listeners) l(out);
    if (rows.length === BATCH) this.again = true;
  }

  /** May delivery skip the missing ids [expected, next)? Only once they can never commit. */
  private async passGap(expected: bigint, next: bigint): Promise<boolean> {
    const g = this.gap;
    if (g && expected >= g.from && expected <= g.to) {
      // Settled on the previous pass, and the re-read still lacks them: rolled back.
      if (g.settled) return true;
      const { rows } = await this.pool.query("SELECT pg_snapshot_xmin(pg_current_snapshot()) >= $1::xid8 AS done", [g.xmax]);
      if (rows[0].done) {
        // Re-read first: the missing rows may have committed since this pass read.
        g.settled = true;
        this.again = true;
      }
      return false;
    }
    const { rows } = await this.pool.query(`SELECT ${FRESH_XID} AS xmax`);
    this.gap = { from: expected, to: next - 1n, xmax: rows[0].xmax, settled: false };
    return false;
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.polling;
    await this.listenClient?.end().catch(() => undefined);
    await this.pool.end();
  }
}
