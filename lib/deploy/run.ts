import { commandHelper } from "./spawner";

export interface RunResult {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  error?: string;
}

// Only what a playbook run needs; the console's own secrets (database URL, tokens,
// keys) never reach the child.
const PASSED_ENV = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "USER", "LOGNAME", "SSH_AUTH_SOCK", "TMPDIR"];

export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of PASSED_ENV) if (process.env[key]) env[key] = process.env[key]!;
  for (const [key, value] of Object.entries(process.env)) if (key.startsWith("ANSIBLE_") && value) env[key] = value;
  return { ANSIBLE_NOCOLOR: "1", ANSIBLE_FORCE_COLOR: "0", ANSIBLE_HOST_KEY_CHECKING: "False", PYTHONUNBUFFERED: "1", ...env, ...extra };
}

/**
 * Runs argv (no shell) in its own process group; on timeout the whole group gets SIGTERM,
 * then SIGKILL, so ssh children of ansible do not outlive the deployment. The command is
 * started by the command helper (lib/deploy/spawner.ts), never forked from this process.
 */
export function runCommand(
  argv: string[],
  opts: { cwd?: string; timeoutMs: number; onOutput: (text: string) => void; env?: Record<string, string> },
): Promise<RunResult> {
  return commandHelper().run({ argv, cwd: opts.cwd, env: opts.env ?? childEnv(), timeoutMs: opts.timeoutMs }, opts.onOutput);
}
