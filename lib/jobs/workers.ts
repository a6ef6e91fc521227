import { reportConnectionError } from "@/lib/db/connection-errors";
import { runDeployment } from "@/lib/deploy/job";
import { abandonDeployment } from "@/lib/deploy/mutations";
import { getEventHub, stopEventHub } from "@/lib/events/live";
import { sweepStuckMachines } from "@/lib/machines/sweep";
import { SchedulerLeader } from "@/lib/rollouts/leader";
import { runtimeSettings } from "@/lib/settings";
import { DEPLOY_DEAD_QUEUE, DEPLOY_HEARTBEAT_SECONDS, DEPLOY_QUEUE, getBoss, stopBoss } from "./boss";
import { JobDispatcher } from "./dispatcher";
import { onDeployQueued } from "./wake";

// On globalThis: the console loads this module twice (Next.js's instrumentation bundle and
// scripts/serve.mts), and the one that stops the workers at shutdown must see them.
interface Running {
  deploys?: JobDispatcher<{ deploymentId: string }>;
  unsubscribe?: () => void;
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
  // The deploy queue's jobs, FLEETBOOT_DEPLOY_CONCURRENCY at once, from one fetch loop that
  // a queued deployment wakes: in this process directly, from others through the event
  // stream. Nothing else fetches, so a quiet console asks once a second.
  const deploys = new JobDispatcher<{ deploymentId: string }>(boss, DEPLOY_QUEUE, {
    slots: settings.FLEETBOOT_DEPLOY_CONCURRENCY,
    pollMs: 1000,
    heartbeatMs: (DEPLOY_HEARTBEAT_SECONDS * 1000) / 2,
    run: (job) => runDeployment(job.data.deploymentId),
    onError: (err) => reportConnectionError("deploy queue", err),
  });
  deploys.start();
  running.deploys = deploys;
  const hub = getEventHub();
  const unsubscribe = [
    onDeployQueued(() => deploys.wake()),
    hub.subscribe((events) => {
      if (events.some((e) => e.kind === "deploy.queued")) deploys.wake();
    }),
  ];
  running.unsubscribe = () => unsubscribe.forEach((u) => u());
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
  running?.unsubscribe?.();
  await running?.scheduler?.stop();
  // Running deployments get 10 s to finish; the rest are failed, and so retried elsewhere.
  await running?.deploys?.stop(10_000);
  await stopBoss();
  // The event stream the dispatcher listened to (shared with this process's live pages,
  // which stop with it).
  if (running) await stopEventHub();
}
