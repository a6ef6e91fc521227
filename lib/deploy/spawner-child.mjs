// The deploy helper: a small process that starts deploy commands for the console or a
// worker (lib/deploy/spawner.ts), so that forking a command never copies the large
// process that asked for it, and so that commands die with their owner. Plain JavaScript
// on purpose: it runs on bare `node`, without the TypeScript loader or any dependency.
//
// Messages from the parent (IPC):
//   { t: "run", id, argv, cwd, env, timeoutMs }   start argv in its own process group
// Messages to the parent:
//   { t: "out", id, text }                        output as it comes (stdout and stderr)
//   { t: "done", id, exitCode, signal, timedOut, error? }
import { spawn } from "node:child_process";

/** id → { child, timer } */
const running = new Map();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function send(message) {
  if (process.connected) process.send(message);
}

function run({ id, argv, cwd, env, timeoutMs }) {
  let timedOut = false;
  let child;
  try {
    child = spawn(argv[0], argv.slice(1), { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  } catch (err) {
    send({ t: "done", id, exitCode: null, signal: null, timedOut: false, error: err.message });
    return;
  }
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid, "SIGTERM");
    setTimeout(() => killGroup(child.pid, "SIGKILL"), 5000).unref();
  }, timeoutMs);
  running.set(id, { child, timer });
  const out = (text) => send({ t: "out", id, text });
  child.stdout.setEncoding("utf8").on("data", out);
  child.stderr.setEncoding("utf8").on("data", out);
  let finished = false;
  const finish = (result) => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    running.delete(id);
    send({ t: "done", id, timedOut, ...result });
  };
  child.on("error", (err) => finish({ exitCode: null, signal: null, error: err.message }));
  child.on("close", (exitCode, signal) => finish({ exitCode, signal }));
}

// Signals meant for the owner (Ctrl-C reaches the whole foreground group, a service
// manager may signal the whole group) leave the helper to wind down with it: it goes when
// the owner's channel closes, taking the commands it started along.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => {});

process.on("message", (message) => {
  if (message && message.t === "run") run(message);
});

// The owner is gone (exited, crashed or killed with SIGKILL: the IPC channel closes in
// every case). Its deployments will be retried or failed elsewhere; nothing it started may
// keep running against the machines, so every command's process group goes too.
process.on("disconnect", () => {
  const groups = [...running.values()].map(({ child }) => child.pid).filter(Boolean);
  for (const pid of groups) killGroup(pid, "SIGTERM");
  setTimeout(() => {
    for (const pid of groups) killGroup(pid, "SIGKILL");
    process.exit(0);
  }, groups.length > 0 ? 3000 : 0);
});
