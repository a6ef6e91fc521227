import { randomUUID } from "node:crypto";
import http from "node:http";
import https from "node:https";

// SIMULATOR: a diskless machine as the console sees it. Powered on (by the simulated BMC),
// it fetches its iPXE script like iPXE does, takes the console URL and per-boot token from
// the kernel line, "boots" for a while and reports in like the agent does. The console
// cannot tell it from a real one; nothing in the product knows it exists.

export interface SimulatedMachineOptions {
  hostname: string;
  mac: string;
  ip: string;
  consoleUrl: string;
  bootSeconds: number;
  /** Spread of the boot time, as a fraction either way (default 0.2: ±20 %); 0 for a fixed time. */
  bootJitter?: number;
  log?: (line: string) => void;
  /** Called after each report attempt with its round-trip time (benchmarks). */
  onReport?: (ms: number, status: number) => void;
}

const HOLD_RETRY_MS = 10_000;

export class SimulatedMachine {
  state: "off" | "fetching" | "booting" | "reported" | "holding" | "hung" = "off";
  /** Fault injection: the next boots hang after the kernel starts and never report in. */
  hangOnBoot = false;
  boots = 0;
  private generation = 0;

  constructor(readonly opts: SimulatedMachineOptions) {}

  /** Power on, or a reset: whatever was in flight is abandoned, as on real hardware. */
  powerCycle(): void {
    const generation = ++this.generation;
    this.boots++;
    void this.boot(generation);
  }

  powerOff(): void {
    this.generation++;
    this.state = "off";
  }

  private alive(generation: number) {
    return generation === this.generation;
  }

  private async boot(generation: number): Promise<void> {
    const { consoleUrl, mac } = this.opts;
    this.state = "fetching";
    const query = new URLSearchParams({ mac, uuid: randomUUID(), serial: `SIM-${mac.replaceAll(":", "")}`, arch: "x86_64", platform: "pcbios" });
    let script: string;
    try {
      script = (await request(`${consoleUrl}/api/boot/ipxe?${query}`, "GET", { "user-agent": "iPXE/1.0.0 (simulated)" })).body;
    } catch (err) {
      this.opts.log?.(`${this.opts.hostname}: console unreachable (${(err as Error).message}); retrying`);
      return this.retryLater(generation);
    }
    if (!this.alive(generation)) return;
    // The kernel arguments may sit in a variable the kernel line expands (${fb-args}).
    const kernel = script.split("\n").find((l) => l.trimStart().startsWith("kernel "));
    const token = script.match(/\bfleetboot\.token=([A-Za-z0-9_-]+)/)?.[1];
    const url = script.match(/\bfleetboot\.url=(\S+)/)?.[1];
    if (!kernel || !token || !url) {
      const said = script.split("\n").filter((l) => l.startsWith("echo ")).map((l) => l.slice(5)).join(" / ");
      this.opts.log?.(`${this.opts.hostname}: no boot in the script (${said || script.slice(0, 120)}); asking again in ${HOLD_RETRY_MS / 1000} s`);
      this.state = "holding";
      return this.retryLater(generation);
    }
    this.state = "booting";
    // A live boot: kernel, initrd and squashfs download, then systemd; ±20 %.
    const jitter = this.opts.bootJitter ?? 0.2;
    await sleep(this.opts.bootSeconds * 1000 * (1 - jitter + Math.random() * 2 * jitter));
    if (!this.alive(generation)) return;
    if (this.hangOnBoot) {
      this.state = "hung";
      return;
    }
    // No image label: the console takes the version its script told this boot to fetch.
    await this.report(generation, url, token);
  }

  private async report(generation: number, url: string, token: string) {
    const body = JSON.stringify({ mac: this.opts.mac, ip: this.opts.ip, token, bootId: randomUUID() });
    for (let attempt = 0, delay = 1000; attempt < 8 && this.alive(generation); attempt++, delay = Math.min(delay * 2, 30_000)) {
      try {
        const started = performance.now();
        const res = await request(`${url}/api/boot/report`, "POST", { "content-type": "application/json" }, body);
        this.opts.onReport?.(performance.now() - started, res.status);
        if (res.status === 202) {
          this.state = "reported";
          return;
        }
        if (res.status !== 429 && res.status < 500) {
          this.opts.log?.(`${this.opts.hostname}: report refused (${res.status}): ${res.body.slice(0, 200)}`);
          return;
        }
      } catch {
        // Console restarting: back off and retry, as the agent does.
      }
      await sleep(delay / 2 + Math.random() * delay);
    }
  }

  private async retryLater(generation: number) {
    await sleep(HOLD_RETRY_MS);
    if (this.alive(generation)) await this.boot(generation);
  }
}

/**
 * One HTTP request on a connection of its own, as iPXE and the agent's curl make them
 * (node:http rather than fetch: a thousand simulated machines share the benchmarks' cores
 * with the console they measure).
 */
function request(url: string, method: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith("https:") ? https : http).request(url, { method, headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
