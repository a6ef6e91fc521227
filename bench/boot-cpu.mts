// CPU time per request, read from /proc: on a shared 2-core machine, req/s moves with
// whatever else runs, but the CPU each request costs the console and PostgreSQL does not.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ticks: number; childTicks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    // After the command: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14)
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), childTicks: Number(fields[13]) + Number(fields[14]) };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by `root`, its reaped children, and its live children. */
export function treeCpuMs(root: number): number {
  const own = stat(root);
  if (!own) return 0;
  let ticks = own.ticks + own.childTicks;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s && s.ppid === root) ticks += s.ticks;
  }
  return ticks * TICK_MS;
}

/** The postmaster listening on `port` (its command line carries `-p <port>`). */
export function findPostmaster(port: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const i = cmd.indexOf("-p");
      if (cmd[0].endsWith("/postgres") && i > 0 && cmd[i + 1] === String(port)) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  throw new Error(`no postmaster on port ${port}`);
}

export function nodeCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
