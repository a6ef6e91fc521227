import { type ChildProcess, spawn } from "node:child_process";
import readline from "node:readline";

export interface WorkerProcess {
  child: ChildProcess;
  /** Resolves when the worker has started its deploy workers and scheduler (false if it died first). */
  ready: Promise<boolean>;
  lines: string[];
}

/**
 * `npm run worker` as its own process against a test database (scheduler and deploy
 * workers), for tests that kill it: SIGKILL, like a lost host, runs no clean-up at all.
 */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.mts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines: string[] = [];
  const ready = new Promise<boolean>((resolve) => {
    readline.createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (line.includes("rollout scheduler standing by")) resolve(true);
    });
    child.once("exit", () => resolve(false));
  });
  return { child, ready, lines };
}

export function kill9(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
