import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

// The console's Prometheus metrics (GET /api/metrics). Two kinds:
//   - this process's own counters (boot scripts, reports, batch timings) and Node's process
//     metrics, as every Prometheus client exports them: each console instance is scraped on
//     its own and its counters start at zero when it starts;
//   - the fleet's state, read from PostgreSQL at each scrape (lib/metrics/fleet.ts), so every
//     instance reports the same fleet.
// The registry lives on globalThis: the console server (lib/boot) and the Next.js route
// handlers load lib/ as two module graphs in one process, and both must count into one
// registry.

export interface ConsoleMetrics {
  registry: Registry;
  bootScripts: Counter<"outcome">;
  bootReports: Counter<"status">;
  bootBatchSeconds: Histogram<"stage">;
}

/** What a request for an iPXE script got. */
export type BootOutcome = "boot" | "hold" | "unknown" | "retry" | "chain" | "refused" | "invalid" | "error";

function create(): ConsoleMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "fleetboot_" });
  return {
    registry,
    bootScripts: new Counter({
      name: "fleetboot_boot_scripts_total",
      help: "iPXE script requests answered by this console: boot (a machine's boot script), hold (maintenance, nothing to boot), unknown (an unregistered MAC), retry (told to ask again at once), chain (the generic chain script), refused (network or rate limit), invalid (a malformed MAC), error (the console could not answer).",
      labelNames: ["outcome"],
      registers: [registry],
    }),
    bootReports: new Counter({
      name: "fleetboot_boot_reports_total",
      help: "Agent report-ins answered by this console, by HTTP status.",
      labelNames: ["status"],
      registers: [registry],
    }),
    bootBatchSeconds: new Histogram({
      name: "fleetboot_boot_batch_seconds",
      help: "Time a batch of per-MAC script requests spent reading its machines, and writing their tokens and events.",
      labelNames: ["stage"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}

const holder = globalThis as unknown as { fleetbootMetrics?: ConsoleMetrics };

export function consoleMetrics(): ConsoleMetrics {
  return (holder.fleetbootMetrics ??= create());
}
