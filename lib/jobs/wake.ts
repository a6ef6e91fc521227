// In-process doorbell for the deploy queue: whoever commits a queued deployment in this
// process rings it, and this process's dispatcher (lib/jobs/dispatcher.ts) fetches at once.
// Other processes hear of it through the event stream (`deploy.queued`).
const state = globalThis as unknown as { fleetbootDeployBell?: Set<() => void> };
const bells = (state.fleetbootDeployBell ??= new Set());

export function onDeployQueued(listener: () => void): () => void {
  bells.add(listener);
  return () => bells.delete(listener);
}

/** Call after the commit that queued one or more deployments. */
export function deployQueued(): void {
  for (const ring of bells) ring();
}
