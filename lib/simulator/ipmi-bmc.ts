import { type ChildProcess, spawn } from "node:child_process";
import dgram from "node:dgram";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { requireBinary } from "./require-binary";

export interface IpmiSimUser {
  name: string;
  password: string;
  privilege: "user" | "operator" | "admin";
}

export interface IpmiSimBmc {
  port: number;
  /** What the chassis saw, in order: "get power", "set boot pxe", "set power 0", … */
  chassisLog(): Promise<string[]>;
  setPower(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

// The chassis_control hook: ipmi_sim runs it as `hook 0x20 get power boot` (answer one
// "name:value" line per item) and `hook 0x20 set power 0|1` or `set boot pxe`. State lives
// in files beside it, so a test reads exactly what the BMC was told to do.
const HOOK = `#!/bin/sh
dir=$(dirname "$0")
echo "$*" | cut -d' ' -f2- >> "$dir/chassis.log"
shift
op=$1; shift
case $op in
get) for item in "$@"; do
       case $item in
       power) echo "power:$(cat "$dir/power" 2>/dev/null || echo 0)";;
       boot) echo "boot:$(cat "$dir/boot" 2>/dev/null || echo default)";;
       esac
     done;;
set) while [ $# -ge 2 ]; do
       case $1 in power) echo "$2" > "$dir/power";; boot) echo "$2" > "$dir/boot";; esac
       shift 2
     done;;
esac
`;

async function freeUdpPort(): Promise<number> {
  const socket = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/**
 * SIMULATOR: Debian's OpenIPMI ipmi_sim as a LAN BMC on 127.0.0.1, configured in a temp
 * directory, with a chassis whose power and boot device a test can observe.
 */
export async function startIpmiSim(users: IpmiSimUser[], opts: { poweredOn?: boolean } = {}): Promise<IpmiSimBmc> {
  requireBinary("ipmi_sim", "openipmi");
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-ipmisim-"));
  const port = await freeUdpPort();
  await writeFile(path.join(dir, "hook.sh"), HOOK);
  await chmod(path.join(dir, "hook.sh"), 0o755);
  await writeFile(path.join(dir, "power"), opts.poweredOn === false ? "0\n" : "1\n");
  await writeFile(path.join(dir, "chassis.log"), "");
  await mkdir(path.join(dir, "state"));
  const userLines = users.map((u, i) => `  user ${i + 2} true "${u.name}" "${u.password}" ${u.privilege} 10 none md2 md5 straight`);
  await writeFile(
    path.join(dir, "lan.conf"),
    [
      `name "fleetboot"`,
      `set_working_mc 0x20`,
      `  startlan 1`,
      `    addr 127.0.0.1 ${port}`,
      `    priv_limit admin`,
      ...["callback", "user", "operator", "admin"].map((p) => `    allowed_auths_${p} none md2 md5 straight`),
      `    guid a123456789abcdefa123456789abcdef`,
      `  endlan`,
      `  chassis_control "${path.join(dir, "hook.sh")} 0x20"`,
      ...userLines,
      "",
    ].join("\n"),
  );
  await writeFile(path.join(dir, "bmc.emu"), ["mc_setbmc 0x20", "mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr", "sel_enable 0x20 1000 0x0a", "mc_enable 0x20", ""].join("\n"));
  const child: ChildProcess = spawn("ipmi_sim", ["-c", "lan.conf", "-f", "bmc.emu", "-s", path.join(dir, "state"), "-n"], { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  await waitForUdpAnswer(port, child, () => stderr);
  const log = async () => (await readFile(path.join(dir, "chassis.log"), "utf8")).split("\n").filter(Boolean);
  return {
    port,
    chassisLog: log,
    setPower: (on) => writeFile(path.join(dir, "power"), on ? "1\n" : "0\n"),
    async stop() {
      child.kill("SIGTERM");
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// An RMCP presence ping (ASF): ipmi_sim answers it once its LAN channel is up.
async function waitForUdpAnswer(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const ping = Buffer.from([0x06, 0x00, 0xff, 0x06, 0x00, 0x00, 0x11, 0xbe, 0x80, 0x00, 0x00, 0x00]);
  const socket = dgram.createSocket("udp4");
  try {
    for (let i = 0; i < 50; i++) {
      if (child.exitCode !== null) throw new Error(`ipmi_sim exited with ${child.exitCode}: ${stderr()}`);
      const answered = new Promise<boolean>((resolve) => socket.once("message", () => resolve(true)));
      socket.send(ping, port, "127.0.0.1");
      if (await Promise.race([answered, sleep(100).then(() => false)])) return;
    }
    throw new Error(`ipmi_sim did not answer on 127.0.0.1:${port}: ${stderr()}`);
  } finally {
    socket.close();
  }
}
