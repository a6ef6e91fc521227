// Pure planning: which machines go in which batch. Batches spread over racks (round robin,
// at most `perRack` of one rack per batch) and never exceed the role's unavailability
// budget, so a batch can run all at once when the fleet is otherwise healthy.

export interface PlanMachine {
  hostname: string;
  rack: string | null;
}

export interface PlanOptions {
  batchSize?: number | null;
  batchPercent?: number | null;
  maxUnavailable?: number | null;
  perRack?: number | null;
  /** Size of the canary batch (batch 0), when there is one. */
  canarySize?: number | null;
}

/** A count, or a percentage of `total` rounded down, and at least 1. */
export function effectiveBatchSize(total: number, o: PlanOptions): number {
  const size = o.batchSize ?? Math.floor((total * (o.batchPercent ?? 100)) / 100);
  return Math.max(1, o.maxUnavailable ? Math.min(size, o.maxUnavailable) : size);
}

const collator = new Intl.Collator("en", { numeric: true });

export function planBatches<M extends PlanMachine>(machines: M[], o: PlanOptions): M[][] {
  const racks = new Map<string, M[]>();
  for (const m of [...machines].sort((a, b) => collator.compare(a.hostname, b.hostname))) {
    const key = m.rack ?? "";
    const list = racks.get(key) ?? [];
    list.push(m);
    racks.set(key, list);
  }
  const queues = [...racks.entries()].sort(([a], [b]) => collator.compare(a, b)).map(([, list]) => list);
  const batches: M[][] = [];
  let start = 0;
  const take = (size: number) => {
    const batch: M[] = [];
    const perRack = new Map<number, number>();
    // Round robin over the racks, starting where the last batch stopped, so every rack
    // gives its machines at the same pace.
    for (let progress = true; batch.length < size && progress; ) {
      progress = false;
      for (let i = 0; i < queues.length && batch.length < size; i++) {
        const r = (start + i) % queues.length;
        const q = queues[r];
        if (!q.length || (o.perRack && (perRack.get(r) ?? 0) >= o.perRack)) continue;
        batch.push(q.shift()!);
        perRack.set(r, (perRack.get(r) ?? 0) + 1);
        progress = true;
      }
    }
    start = queues.length ? (start + 1) % queues.length : 0;
    return batch;
  };
  const size = effectiveBatchSize(machines.length, o);
  if (o.canarySize && machines.length) batches.push(take(Math.min(o.canarySize, size)));
  for (let remaining = machines.length - (batches[0]?.length ?? 0); remaining > 0; ) {
    const batch = take(size);
    if (!batch.length) break;
    batches.push(batch);
    remaining -= batch.length;
  }
  return batches;
}
