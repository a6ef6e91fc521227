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
  await boss.work<{ deploymentId: string }>(
    DEPLOY_QUEUE,
    // NOTIFY wakes idle workers; a worker that finishes a job looks again at once only if a
    // job arrived meanwhile, so the backstop poll bounds how long a backlog can wait.
    { localConcurrency: settings.FLEETBOOT_DEPLOY_CONCURRENCY, pollingIntervalSeconds: 1, notifyPollingIntervalSeconds: 1 },
    async ([job]) => {
      await runDeployment(job.data.deploymentId);
    },
  );
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
