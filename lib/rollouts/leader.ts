import pg from "pg";
import { isAdminShutdown, reportConnectionError } from "@/lib/db/connection-errors";
import { RolloutScheduler, type SchedulerOptions } from "./scheduler";

// One scheduler leader at a time across every console and worker: the one that holds a
// session advisory lock on its own connection. If that connection drops, the lock goes
// with it and another instance takes over within a few seconds. The same connection
// LISTENs for events, so a report or a finished deployment wakes the leader at once
// instead of at the next poll.

const LOCK_KEY = "fleetboot.rollout-scheduler";
const CHANNEL = "fleetboot_events";

export interface LeaderOptions extends SchedulerOptions {
  /** How often the leader looks even when nothing woke it (health holds, deadlines). */
  pollMs?: number;
  /** How often a follower tries to become the leader. */
  followMs?: number;
}

export class SchedulerLeader {
  readonly scheduler: RolloutScheduler;
  leader = false;
  private client?: pg.Client;
  private timer?: ReturnType<typeof setTimeout>;
  private due = 0;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly opts: LeaderOptions = {},
  ) {
    this.scheduler = new RolloutScheduler({ ...opts, wake: () => this.wake() });
  }

  async start(): Promise<void> {
    await this.connect().catch((err) => this.lost(err));
    this.wake();
  }

  private async connect() {
    const client = new pg.Client({ connectionString: this.url, application_name: "fleetboot-rollout-scheduler" });
    client.on("error", (err) => this.lost(err));
    client.on("end", () => this.lost());
    client.on("notification", () => {
      if (this.leader) this.wake(50);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.client = client;
  }

  private lost(err?: Error) {
    const log = this.opts.log;
    // A database shutting down is said once for the whole console, not by each user of it.
    if (this.leader && log && err && isAdminShutdown(err)) reportConnectionError("rollout scheduler", err, log);
    else if (this.leader) log?.(`[fleetboot] rollout scheduler: lost the database connection${err ? ` (${err.message})` : ""}; no longer the leader`);
    this.leader = false;
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => undefined);
    if (!this.stopped) this.schedule(this.opts.followMs ?? 2000);
  }

  /** Run a tick soon (coalesced with one already due). */
  wake(delayMs = 0) {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(delayMs);
  }

  // Never postpones a tick already due sooner: a steady stream of events (one every few ms
  // during a batch) must not keep pushing the next tick back.
  private schedule(ms: number) {
    if (this.stopped) return;
    const at = Date.now() + ms;
    if (this.timer && at >= this.due) return;
    clearTimeout(this.timer);
    this.due = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, ms);
    this.timer.unref?.();
  }

  private run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        if (!this.client) await this.connect();
        if (!this.leader) {
          const { rows } = await this.client!.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok", [LOCK_KEY]);
          this.leader = rows[0].ok;
          if (this.leader) this.opts.log?.("[fleetboot] rollout scheduler: this instance leads");
        }
        if (!this.leader) return;
        // One tick per run: events that arrive meanwhile (a tick writes some itself) bring
        // the next one 50–100 ms after this, not at once, so bursts are coalesced.
        this.again = false;
        await this.scheduler.tick();
      } catch (err) {
        if (this.opts.log) reportConnectionError("rollout scheduler", err, this.opts.log);
        if (!this.client) this.lost(err as Error);
      }
    })().finally(() => {
      this.running = undefined;
      if (!this.stopped && this.client) this.schedule(this.leader ? (this.again ? 100 : (this.opts.pollMs ?? 1000)) : (this.opts.followMs ?? 2000));
    });
    return this.running;
  }

  /** Stops ticking, lets power actions being sent finish, then gives up leadership. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.scheduler.drain();
    this.leader = false;
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
