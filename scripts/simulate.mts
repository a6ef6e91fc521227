// npm run simulate -- --console URL --machines N [--role NAME] [--boot-seconds S]
// SIMULATOR for demos, tests and benchmarks: registers N simulated machines (each with a
// simulated Redfish BMC on 127.0.0.1) through the console's API with FLEETBOOT_ADMIN_TOKEN,
// powers them on, and keeps them behaving like real machines until stopped (Ctrl-C).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { RedfishBmcSimulator } from "../lib/simulator/redfish-bmc";
import { SimulatedMachine } from "../lib/simulator/machine";
import { ensureSimulatedRole, ensureSimulatedSubnet, registerMachine } from "../lib/simulator/register";

const USAGE = `usage: FLEETBOOT_ADMIN_TOKEN=… npm run simulate -- --console URL --machines N [--role NAME] [--boot-seconds S]

A SIMULATOR for demos, tests and benchmarks: registers N simulated machines (1 to 20000, default 10)
in role NAME (default "simulated"), each with a simulated Redfish BMC on 127.0.0.1, powers them on,
and keeps them booting (S seconds per boot, default 20), reporting in and rebooting on request
until stopped with Ctrl-C. --console defaults to http://localhost:3000.`;

function usage(problem?: string): never {
  if (problem) console.error(`simulate: ${problem}\n`);
  (problem ? console.error : console.log)(USAGE);
  process.exit(problem ? 2 : 0);
}

let parsed;
try {
  parsed = parseArgs({
    options: {
      console: { type: "string", default: "http://localhost:3000" },
      machines: { type: "string", default: "10" },
      role: { type: "string", default: "simulated" },
      "boot-seconds": { type: "string", default: "20" },
      help: { type: "boolean", short: "h" },
    },
  });
} catch (err) {
  usage((err as Error).message);
}
const { values } = parsed;
if (values.help) usage();
const token = process.env.FLEETBOOT_ADMIN_TOKEN;
const count = Number(values.machines);
const bootSeconds = Number(values["boot-seconds"]);
if (!token) usage("FLEETBOOT_ADMIN_TOKEN is not set");
if (!Number.isInteger(count) || count < 1 || count > 20_000) usage(`--machines must be a whole number from 1 to 20000, not "${values.machines}"`);
if (!(bootSeconds >= 0)) usage(`--boot-seconds must be a number of seconds, not "${values["boot-seconds"]}"`);
const consoleUrl = values.console!.replace(/\/+$/, "");
const api = { consoleUrl, token };
const log = (line: string) => console.log(`[simulator] ${line}`);

const machines = new Map<string, SimulatedMachine>();
const bmc = new RedfishBmcSimulator({ onPowerCycle: (systemId) => machines.get(systemId)?.powerCycle() });
const bmcPort = await bmc.start(0);
log(`simulated Redfish BMCs on 127.0.0.1:${bmcPort}`);
await ensureSimulatedRole(api, values.role!, log);
await ensureSimulatedSubnet(api, "simulated", "127.77.0.0/16", log);

for (let i = 1; i <= count; i++) {
  const n = String(i).padStart(4, "0");
  const systemId = `sim-${n}`;
  const hex = i.toString(16).padStart(6, "0");
  const spec = {
    hostname: `${values.role}-${n}`.slice(0, 63),
    // 52:54:01 (locally administered) keeps simulated MACs apart from the demo fleet's.
    mac: `52:54:01:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`,
    // Loopback addresses: a deployment against a simulated machine never leaves this host.
    ip: `127.77.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    rack: `sim-r${String(((i - 1) % 8) + 1).padStart(2, "0")}`,
    password: randomBytes(9).toString("base64url"),
  };
  // On: every simulated machine is powered on below, so its BMC says so.
  bmc.addSystem({ id: systemId, username: systemId, password: spec.password, powerState: "On" });
  await registerMachine(api, { ...spec, subnet: "simulated", role: values.role!, bmc: { type: "redfish", address: "127.0.0.1", port: bmcPort, username: systemId, password: spec.password } });
  machines.set(systemId, new SimulatedMachine({ hostname: spec.hostname, mac: spec.mac, ip: spec.ip, consoleUrl, bootSeconds, log }));
}
log(`registered ${count} machines in role ${values.role}; powering them on`);
for (const m of machines.values()) m.powerCycle();

const status = setInterval(() => {
  const by: Record<string, number> = {};
  for (const m of machines.values()) by[m.state] = (by[m.state] ?? 0) + 1;
  log(Object.entries(by).map(([k, v]) => `${v} ${k}`).join(", "));
}, 10_000);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    clearInterval(status);
    for (const m of machines.values()) m.powerOff();
    void bmc.stop().finally(() => process.exit(0));
  });
}
