import type { Job, JobAttempt, PgBoss } from "pg-boss";
import { createBatcher } from "@/lib/batch";

// Runs a queue's jobs with `slots` at once from one fetch loop, instead of one pg-boss
// worker per slot. pg-boss wakes every idle worker of a queue for each NOTIFY, and each
// of them then fetches: with 32 deploy slots a rollout's batch of 100 machines cost about
// 400 fetch statements (and 32 polls a second while idle). Here a fetch asks for as many
// jobs as there are free slots, and happens only when a job may be waiting: at start, when
// woken (a job was queued), after a fetch that came back full once a slot frees up, and
// every `pollMs` as a backstop. Completions that finish together are one statement. Jobs
// keep pg-boss's guarantees: each attempt's heartbeat is refreshed while it runs (one
// statement for all), a failed or abandoned attempt is retried, and settling is fenced to
// the attempt that was fetched.

export interface DispatcherOptions<T> {
  slots: number;
  /** The longest wait between fetches when nothing wakes the loop. */
  pollMs: number;
  /** How often running jobs' heartbeats are refreshed (half the queue's heartbeat). */
  heartbeatMs: number;
  run: (job: Job<T>) => Promise<void>;
  onError: (err: unknown) => void;
}

const attempt = (job: Job<unknown>): JobAttempt => ({ id: job.id, retryCount: job.retryCount });

export class JobDispatcher<T extends object> {
  private readonly active = new Map<string, Job<T>>();
  private readonly running = new Set<Promise<void>>();
  /** A job may be waiting: fetch when a slot is free. */
  private pending = true;
  private stopping = false;
  private resolveSleep?: () => void;
  private loopDone?: Promise<void>;
  private heartbeat?: ReturnType<typeof setInterval>;
  private readonly complete: (job: Job<T>) => Promise<void>;

  constructor(
    private readonly boss: PgBoss,
    private readonly queue: string,
    private readonly opts: DispatcherOptions<T>,
  ) {
    this.complete = createBatcher<Job<T>, void>(async (jobs) => {
      await this.boss.complete(this.queue, jobs.map(attempt));
      return jobs.map(() => undefined);
    });
  }

  start(): void {
    this.loopDone = this.loop();
    this.heartbeat = setInterval(() => void this.touch(), this.opts.heartbeatMs);
    this.heartbeat.unref();
  }

  /** A job was queued: fetch now if a slot is free, else as soon as one is. */
  wake(): void {
    this.pending = true;
    this.resolveSleep?.();
  }

  /**
   * Stops fetching and waits up to `timeoutMs` for running jobs; those still running are
   * failed, so that pg-boss retries them (elsewhere) after the queue's retry delay.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    this.resolveSleep?.();
    clearInterval(this.heartbeat);
    await this.loopDone;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    const left = [...this.active.values()];
    if (left.length) await this.boss.fail(this.queue, left.map(attempt), { message: "the worker running it stopped" }).catch(this.opts.onError);
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      const free = this.opts.slots - this.active.size;
      if (free > 0 && this.pending) {
        this.pending = false;
        let jobs: Job<T>[];
        try {
          jobs = await this.boss.fetch<T>(this.queue, { batchSize: free });
        } catch (err) {
          this.opts.onError(err);
          await this.sleep(this.opts.pollMs);
          continue;
        }
        if (this.stopping) {
          // Fetched while stopping: handed straight back, to be retried.
          if (jobs.length) await this.boss.fail(this.queue, jobs.map(attempt), { message: "the worker stopped before starting it" }).catch(this.opts.onError);
          break;
        }
        for (const job of jobs) this.begin(job);
        // A full fetch may have left more behind.
        if (jobs.length === free) this.pending = true;
        continue;
      }
      await this.sleep(this.opts.pollMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = true;
        resolve();
      }, ms);
      this.resolveSleep = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (this.resolveSleep = undefined));
  }

  private begin(job: Job<T>) {
    this.active.set(job.id, job);
    const done = this.opts
      .run(job)
      .then(
        () => this.complete(job),
        (err: unknown) => this.boss.fail(this.queue, attempt(job), { message: err instanceof Error ? err.message : String(err) }).then(() => undefined),
      )
      .catch(this.opts.onError)
      .finally(() => {
        this.active.delete(job.id);
        this.running.delete(done);
        // A slot is free: use it if a job may be waiting.
        if (this.pending) this.resolveSleep?.();
      });
    this.running.add(done);
  }

  private async touch() {
    if (this.active.size === 0) return;
    await this.boss.touch(this.queue, [...this.active.values()].map(attempt)).catch(this.opts.onError);
  }
}
