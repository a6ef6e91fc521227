import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { DhcpFormat } from "./model";

// The daemons' own config checkers, run on a rendered config (tests and the CLI's --check).
// argv arrays only; the config goes through a private temp file, never a shell.

const CHECKERS: Record<DhcpFormat, { bin: string; args: (file: string) => string[]; pkg: string }> = {
  // dhcpd: no -q, it hides the error message.
  isc: { bin: "dhcpd", args: (f) => ["-t", "-cf", f], pkg: "isc-dhcp-server" },
  kea: { bin: "kea-dhcp4", args: (f) => ["-t", f], pkg: "kea-dhcp4-server" },
  dnsmasq: { bin: "dnsmasq", args: (f) => ["--test", `--conf-file=${f}`], pkg: "dnsmasq" },
};

const SBIN = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"];

export interface CheckResult {
  ok: boolean;
  command: string;
  output: string;
}

function run(bin: string, args: string[]): Promise<{ code: number; output: string; missing: boolean }> {
  return new Promise((resolve) => {
    const env = { ...process.env, PATH: [process.env.PATH ?? "", ...SBIN].join(":") };
    execFile(bin, args, { env, timeout: 30_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      resolve({ code: e ? (typeof e.code === "number" ? e.code : 1) : 0, output: `${stdout}${stderr}`, missing: e?.code === "ENOENT" });
    });
  });
}

/** The checker's command line for a config at `file`, as a person would type it. */
export function checkerCommandLine(format: DhcpFormat, file: string): string {
  const checker = CHECKERS[format];
  return [checker.bin, ...checker.args(file)].join(" ");
}

/** Runs the format's own checker on `text`; throws when the checker is not installed. */
export async function checkDhcpConfig(format: DhcpFormat, text: string): Promise<CheckResult> {
  const checker = CHECKERS[format];
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-dhcp-"));
  try {
    const file = path.join(dir, format === "kea" ? "kea-dhcp4.conf" : `${format}.conf`);
    await writeFile(file, text, { mode: 0o600 });
    const r = await run(checker.bin, checker.args(file));
    if (r.missing) throw new Error(`${checker.bin} is not installed: apt-get install ${checker.pkg}`);
    return { ok: r.code === 0, command: checkerCommandLine(format, file), output: r.output.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
