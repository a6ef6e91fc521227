import { runDeployment } from "@/lib/deploy/job";
import { abandonDeployment } from "@/lib/deploy/mutations";
import { sweepStuckMachines } from "@/lib/machines/sweep";
import { SchedulerLeader } from "@/lib/rollouts/leader";
import { runtimeSettings } from "@/lib/settings";
import { DEPLOY_DEAD_QUEUE, DEPLOY_QUEUE, getBoss, stopBoss } from "./boss";

// On globalThis: the console loads this module twice (Next.js's instrumentation bundle and
// scripts/serve.mts), and the one that stops the workers at shutdown must see them.
interface Running {
  sweeper?: ReturnType<typeof setInterval>;
  scheduler?: SchedulerLeader;
}
const state = globalThis as unknown as { fleetbootWorkers?: Running };

const SWEEP_EVERY_MS = 30_000;

/** Starts this process's workers (the console's own, or `npm run worker`'s). */
export async function startWorkers(log: (line: string) => void = console.log): Promise<void> {
  if (state.fleetbootWorkers) return;
  const running: Running = {};
  state.fleetbootWorkers = running;
  const settings = runtimeSettings();
  const boss = await getBoss();
  // One pg-boss worker per slot. NOTIFY wakes idle workers when a deployment is queued;
  // a worker that finishes one looks again at once (it notifies itself), so a backlog is
  // drained back to back, and only a fetch that finds nothing falls back to the poll.
  for (let slot = 0; slot < settings.FLEETBOOT_DEPLOY_CONCURRENCY; slot++) {
    let id = "";
    id = await boss.work<{ deploymentId: string }>(
      DEPLOY_QUEUE,
      { pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1 },
      async ([job]) => {
        try {
          await runDeployment(job.data.deploymentId);
        } finally {
          if (id) boss.notifyWorker(id);
        }
      },
    );
  }
  await boss.work<{ deploymentId: string }>(DEPLOY_DEAD_QUEUE, { pollingIntervalSeconds: 5 }, async ([job]) => {
    await abandonDeployment(job.data.deploymentId, "given up: on every attempt the worker running it stopped (killed, host lost) or failed");
  });
  const deadlines = { bootingSeconds: settings.FLEETBOOT_BOOTING_TIMEOUT_SECONDS, deployingSeconds: settings.FLEETBOOT_DEPLOY_TIMEOUT_SECONDS + 300 };
  const sweeper = setInterval(() => {
    sweepStuckMachines(deadlines).catch((err) => console.error("[fleetboot] sweeping stuck machines failed:", err));
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  running.sweeper = sweeper;
  const scheduler = new SchedulerLeader(process.env.DATABASE_URL!, { powerConcurrency: settings.FLEETBOOT_POWER_CONCURRENCY, log });
  running.scheduler = scheduler;
  await scheduler.start();
  log(`[fleetboot] deploy workers: ${settings.FLEETBOOT_DEPLOY_CONCURRENCY} at once; rollout scheduler standing by`);
}

export async function stopWorkers(): Promise<void> {
  const running = state.fleetbootWorkers;
  state.fleetbootWorkers = undefined;
  clearInterval(running?.sweeper);
  await running?.scheduler?.stop();
  await stopBoss();
}
