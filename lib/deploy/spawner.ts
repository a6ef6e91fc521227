import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { RunResult } from "./run";

// Deploy commands are started by a small helper process (spawner-child.mjs) rather than
// forked from the console: forking copies the page tables of the process that forks, and
// the console's hundreds of megabytes made every deployment block its event loop for
// ~13 ms (bench/rollout.bench.mts). The helper also ties the commands to their owner:
// when this process dies, even by SIGKILL, the helper kills every command it started.

interface RunRequest {
  argv: string[];
  cwd?: string;
  env: Record<string, string>;
  timeoutMs: number;
}

type HelperMessage =
  | { t: "out"; id: number; text: string }
  | ({ t: "done"; id: number } & RunResult);

interface Pending {
  onOutput: (text: string) => void;
  resolve: (r: RunResult) => void;
}

// Resolved at run time from the project root (every entry point runs there), not bundled.
const HELPER_SCRIPT = ["lib", "deploy", "spawner-child.mjs"];

class CommandHelper {
  private child: ChildProcess | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;

  run(req: RunRequest, onOutput: (text: string) => void): Promise<RunResult> {
    const child = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { onOutput, resolve });
      this.hold(true);
      child.send({ t: "run", id, ...req }, (err) => {
        if (err) this.settle(id, { exitCode: null, signal: null, timedOut: false, error: `the deploy helper did not take the command: ${err.message}` });
      });
    });
  }

  private settle(id: number, result: RunResult) {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    if (this.pending.size === 0) this.hold(false);
    p.resolve(result);
  }

  /** While commands run, the channel keeps this process alive; idle, it never does. */
  private hold(on: boolean) {
    const child = this.child;
    if (!child) return;
    if (on) {
      child.ref();
      child.channel?.ref();
    } else {
      child.unref();
      child.channel?.unref();
    }
  }

  private ensure(): ChildProcess {
    if (this.child) return this.child;
    // Bare node: no TypeScript loader or inspector flags of this process.
    const child = spawn(process.execPath, [path.resolve(/* turbopackIgnore: true */ process.cwd(), ...HELPER_SCRIPT)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    child.on("message", (m: HelperMessage) => {
      if (m.t === "out") this.pending.get(m.id)?.onOutput(m.text);
      else if (m.t === "done") this.settle(m.id, { exitCode: m.exitCode, signal: m.signal, timedOut: m.timedOut, ...(m.error ? { error: m.error } : {}) });
    });
    const lost = (why: string) => {
      if (this.child !== child) return;
      this.child = null;
      for (const id of [...this.pending.keys()]) this.settle(id, { exitCode: null, signal: null, timedOut: false, error: why });
    };
    child.on("exit", (code, signal) => lost(`the deploy helper exited (${signal ?? `code ${code}`}) while the command ran`));
    child.on("error", (err) => lost(`the deploy helper failed: ${err.message}`));
    this.child = child;
    this.hold(false);
    return child;
  }
}

const state = globalThis as unknown as { fleetbootCommandHelper?: CommandHelper };

/** The process's one command helper (deploy commands, ipmitool, ssh), started on first use and again if it died. */
export function commandHelper(): CommandHelper {
  return (state.fleetbootCommandHelper ??= new CommandHelper());
}
