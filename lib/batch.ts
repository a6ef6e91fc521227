// Work that arrives in bursts, answered in batches: one round trip for many requests
// (boot scripts and report-in in lib/boot, job completions in lib/jobs). At most
// `maxInFlight` batches run at a time; whatever arrives meanwhile waits and forms the next
// batch, so batches are single requests when idle (no added latency) and grow by
// themselves under load. Each caller gets its own item's answer when its batch is done.

export type BatchRunner<I, O> = (items: I[]) => Promise<O[]>;

export function createBatcher<I, O>(run: BatchRunner<I, O>, opts: { maxInFlight?: number; maxBatch?: number } = {}): (item: I) => Promise<O> {
  const maxInFlight = opts.maxInFlight ?? 1;
  const maxBatch = opts.maxBatch ?? 200;
  let queue: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let inFlight = 0;
  let scheduled = false;

  const pump = () => {
    scheduled = false;
    while (queue.length > 0 && inFlight < maxInFlight) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      inFlight++;
      run(batch.map((b) => b.item))
        .then(
          (out) => batch.forEach((b, i) => b.resolve(out[i])),
          (err) => batch.forEach((b) => b.reject(err)),
        )
        .finally(() => {
          inFlight--;
          schedule();
        });
    }
  };
  // Requests parsed in the same turn of the event loop join the same batch.
  const schedule = () => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(pump);
  };

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
