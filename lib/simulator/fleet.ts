import { randomBytes } from "node:crypto";
import { SimulatedMachine } from "./machine";
import { RedfishBmcSimulator } from "./redfish-bmc";

// SIMULATOR: a fleet of simulated machines behind one simulated Redfish BMC endpoint, with
// what tests and benchmarks read afterwards: when each machine was reset (the BMC log)
// and when it reported in again. "Down" is the time between the two.

export interface SimulatedSpec {
  systemId: string;
  hostname: string;
  mac: string;
  ip: string;
  rack: string;
  username: string;
  password: string;
}

export interface FleetOptions {
  consoleUrl: string;
  count: number;
  racks: number;
  bootSeconds: number;
  bootJitter?: number;
  /** Hostname prefix; also keeps MACs and addresses of two fleets apart (0–255). */
  prefix?: string;
  seed?: number;
  log?: (line: string) => void;
}

export class SimulatedFleet {
  readonly bmc: RedfishBmcSimulator;
  readonly specs: SimulatedSpec[] = [];
  readonly machines = new Map<string, SimulatedMachine>();
  /** Accepted reports (202), by system id, in time order. */
  readonly reports: { systemId: string; at: number }[] = [];

  private constructor(readonly opts: FleetOptions) {
    this.bmc = new RedfishBmcSimulator({ onPowerCycle: (systemId) => this.machines.get(systemId)?.powerCycle() });
  }

  /** The loopback subnet that holds every spec's address: register it before the machines. */
  get subnet(): { name: string; cidr: string } {
    const net = (this.opts.seed ?? 3) & 255;
    return { name: `${this.opts.prefix ?? "sim"}-loopback`, cidr: `127.${100 + (net % 100)}.0.0/16` };
  }

  static async start(opts: FleetOptions): Promise<SimulatedFleet> {
    const fleet = new SimulatedFleet(opts);
    await fleet.bmc.start(0);
    const prefix = opts.prefix ?? "sim";
    const net = (opts.seed ?? 3) & 255;
    for (let i = 1; i <= opts.count; i++) {
      const n = String(i).padStart(4, "0");
      const hex = i.toString(16).padStart(4, "0");
      const spec: SimulatedSpec = {
        systemId: `${prefix}-${n}`,
        hostname: `${prefix}-${n}`,
        mac: `52:54:${net.toString(16).padStart(2, "0")}:05:${hex.slice(0, 2)}:${hex.slice(2, 4)}`,
        // Loopback: a deployment against a simulated machine never leaves this host.
        ip: `127.${100 + (net % 100)}.${Math.floor(i / 250)}.${(i % 250) + 1}`,
        rack: `${prefix}-r${String(((i - 1) % opts.racks) + 1).padStart(2, "0")}`,
        username: `${prefix}-${n}`,
        password: randomBytes(9).toString("base64url"),
      };
      fleet.specs.push(spec);
      fleet.bmc.addSystem({ id: spec.systemId, username: spec.username, password: spec.password, powerState: "On" });
      fleet.machines.set(
        spec.systemId,
        new SimulatedMachine({
          hostname: spec.hostname, mac: spec.mac, ip: spec.ip, consoleUrl: opts.consoleUrl, bootSeconds: opts.bootSeconds, bootJitter: opts.bootJitter, log: opts.log,
          onReport: (_ms, status) => {
            if (status === 202) fleet.reports.push({ systemId: spec.systemId, at: Date.now() });
          },
        }),
      );
    }
    return fleet;
  }

  /** The BMC settings the console stores for a machine. */
  bmcSettings(spec: SimulatedSpec) {
    return { type: "redfish" as const, address: "127.0.0.1", port: this.bmc.port, username: spec.username, password: spec.password };
  }

  machine(hostname: string): SimulatedMachine {
    const spec = this.specs.find((s) => s.hostname === hostname);
    if (!spec) throw new Error(`no simulated machine ${hostname}`);
    return this.machines.get(spec.systemId)!;
  }

  /** Resets the BMC log recorded, by system id (a power-on counts). */
  resets(since = 0): Map<string, number> {
    const out = new Map<string, number>();
    for (const e of this.bmc.log) if (e.action === "reset" && e.at >= since && e.outcome?.boots) out.set(e.systemId, (out.get(e.systemId) ?? 0) + 1);
    return out;
  }

  /**
   * The most machines down at once, overall and in any one rack, from the BMC log (reset)
   * and accepted reports (back): what a reboot really took down, whatever the console thinks.
   */
  maxDown(since = 0): { overall: number; perRack: number } {
    const rackOf = new Map(this.specs.map((s) => [s.systemId, s.rack]));
    const points: { at: number; delta: number; rack: string }[] = [];
    for (const e of this.bmc.log) {
      if (e.action !== "reset" || e.at < since || !e.outcome?.boots) continue;
      const back = this.reports.find((r) => r.systemId === e.systemId && r.at >= e.at);
      const rack = rackOf.get(e.systemId) ?? "";
      points.push({ at: e.at, delta: 1, rack }, { at: back?.at ?? Number.MAX_SAFE_INTEGER, delta: -1, rack });
    }
    // Ends before starts at the same instant.
    points.sort((a, b) => a.at - b.at || a.delta - b.delta);
    let overall = 0;
    let maxOverall = 0;
    let maxRack = 0;
    const racks = new Map<string, number>();
    for (const p of points) {
      overall += p.delta;
      racks.set(p.rack, (racks.get(p.rack) ?? 0) + p.delta);
      maxOverall = Math.max(maxOverall, overall);
      maxRack = Math.max(maxRack, racks.get(p.rack)!);
    }
    return { overall: maxOverall, perRack: maxRack };
  }

  /** Boots every machine as if it had just been switched on (no BMC involved). */
  powerOnAll(): void {
    for (const m of this.machines.values()) m.powerCycle();
  }

  async stop(): Promise<void> {
    for (const m of this.machines.values()) m.powerOff();
    await this.bmc.stop();
  }
}
