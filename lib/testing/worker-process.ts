import { type ChildProcess, spawn } from "node:child_process";

/**
 * `npm run worker` as its own process against a test database (scheduler and deploy
 * workers), for tests that kill it: SIGKILL, like a lost host, runs no clean-up at all.
 */
export function spawnWorker(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.mts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
