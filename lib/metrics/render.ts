import { Registry } from "prom-client";
import { fleetRegistry } from "./fleet";
import { consoleMetrics } from "./registry";

/** Prometheus text exposition: this process's counters and the fleet's state, one scrape. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  const own = consoleMetrics().registry;
  const merged = Registry.merge([own, await fleetRegistry()]);
  return { contentType: own.contentType, body: await merged.metrics() };
}
