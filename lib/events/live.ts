import { EventHub } from "./hub";

// One hub (one LISTEN connection) per console process, shared by all SSE clients.
const cache = globalThis as unknown as { fleetbootEventHub?: EventHub };

export function getEventHub(): EventHub {
  if (!cache.fleetbootEventHub) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    cache.fleetbootEventHub = new EventHub(url);
  }
  return cache.fleetbootEventHub;
}

export async function stopEventHub(): Promise<void> {
  const hub = cache.fleetbootEventHub;
  cache.fleetbootEventHub = undefined;
  await hub?.stop();
}
