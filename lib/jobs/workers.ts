import { runDeployment } from "@/lib/deploy/job";
import { runtimeSettings } from "@/lib/settings";
import { DEPLOY_QUEUE, getBoss, stopBoss } from "./boss";

let started = false;

/** Starts this process's workers (the console's own, or `npm run worker`'s). */
export async function startWorkers(log: (line: string) => void = console.log): Promise<void> {
  if (started) return;
  started = true;
  const settings = runtimeSettings();
  const boss = await getBoss();
  await boss.work<{ deploymentId: string }>(
    DEPLOY_QUEUE,
    { localConcurrency: settings.FLEETBOOT_DEPLOY_CONCURRENCY, pollingIntervalSeconds: 1 },
    async ([job]) => {
      await runDeployment(job.data.deploymentId);
    },
  );
  log(`[fleetboot] deploy workers: ${settings.FLEETBOOT_DEPLOY_CONCURRENCY} at once`);
}

export async function stopWorkers(): Promise<void> {
  started = false;
  await stopBoss();
}
