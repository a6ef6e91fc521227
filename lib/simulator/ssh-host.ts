import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { requireBinary } from "./require-binary";

/** How the simulated machine's `systemctl` behaves: succeed, go down mid-connection, or refuse. */
export type SshHostMode = "ok" | "drop" | "denied";

export interface SshHost {
  port: number;
  user: string;
  /** A private key the host accepts, and one it does not. */
  keyFile: string;
  otherKeyFile: string;
  knownHostsFile: string;
  setMode(mode: SshHostMode): Promise<void>;
  /** The systemctl invocations the host saw, e.g. ["reboot"]. */
  systemctlLog(): Promise<string[]>;
  stop(): Promise<void>;
}

// Every login runs the client's command with a fake systemctl first on PATH, so nothing
// real is ever rebooted. "drop" kills the connection's own sshd process, which is what a
// machine going down looks like from the client.
const FORCED = (dir: string) => `#!/bin/sh
PATH="${dir}/bin:$PATH" exec sh -c "$SSH_ORIGINAL_COMMAND"
`;
const SYSTEMCTL = (dir: string) => `#!/bin/sh
echo "$*" >> "${dir}/systemctl.log"
case $(cat "${dir}/mode") in
ok) exit 0;;
denied) echo "Failed to $1 system via logind: Access denied" >&2; exit 1;;
drop)
  # A real reboot takes a moment to reach sshd; the client has the output by then.
  sleep 0.3
  p=$$
  while [ "$p" -gt 1 ]; do
    case $(cat /proc/$p/comm) in sshd*) kill -9 "$p"; exit 0;; esac
    p=$(awk '/^PPid:/ {print $2}' /proc/$p/status)
  done;;
esac
`;

async function freeTcpPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((r) => server.close(r));
  return port;
}

/** SIMULATOR: a machine reachable over SSH on 127.0.0.1 (a private sshd with test keys). */
export async function startSshHost(): Promise<SshHost> {
  requireBinary("/usr/sbin/sshd", "openssh-server");
  requireBinary("ssh-keygen", "openssh-client");
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-sshhost-"));
  const port = await freeTcpPort();
  const user = os.userInfo().username;
  await mkdir(path.join(dir, "bin"));
  for (const key of ["host_key", "id_ok", "id_other"]) execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, key)]);
  await writeFile(path.join(dir, "authorized_keys"), await readFile(path.join(dir, "id_ok.pub")));
  await writeFile(path.join(dir, "forced.sh"), FORCED(dir));
  await writeFile(path.join(dir, "bin", "systemctl"), SYSTEMCTL(dir));
  await chmod(path.join(dir, "forced.sh"), 0o755);
  await chmod(path.join(dir, "bin", "systemctl"), 0o755);
  await writeFile(path.join(dir, "mode"), "ok\n");
  await writeFile(path.join(dir, "systemctl.log"), "");
  const config = [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${path.join(dir, "host_key")}`,
    `PidFile ${path.join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
    `ForceCommand ${path.join(dir, "forced.sh")}`,
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin prohibit-password",
    "StrictModes no",
    "UsePAM no",
    "",
  ].join("\n");
  await writeFile(path.join(dir, "sshd_config"), config);
  // sshd running as root insists on its privilege separation directory.
  if (process.getuid?.() === 0) await mkdir("/run/sshd", { recursive: true, mode: 0o755 });
  const sshd: ChildProcess = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", path.join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  sshd.stderr?.on("data", (d) => (stderr += d));
  await waitForListen(port, sshd, () => stderr);
  return {
    port,
    user,
    keyFile: path.join(dir, "id_ok"),
    otherKeyFile: path.join(dir, "id_other"),
    knownHostsFile: path.join(dir, "known_hosts"),
    setMode: (mode) => writeFile(path.join(dir, "mode"), `${mode}\n`),
    systemctlLog: async () => (await readFile(path.join(dir, "systemctl.log"), "utf8")).split("\n").filter(Boolean),
    async stop() {
      sshd.kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitForListen(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${stderr()}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (up) return;
    await sleep(100);
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}: ${stderr()}`);
}
