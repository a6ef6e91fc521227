import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveBatchSize, planBatches } from "./plan";

const fleet = (racks: number, perRack: number) =>
  Array.from({ length: racks * perRack }, (_, i) => ({ hostname: `n${String(i + 1).padStart(3, "0")}`, rack: `r${(i % racks) + 1}` }));

describe("planBatches", () => {
  it("spreads each batch over the racks, at most perRack of one rack", () => {
    const batches = planBatches(fleet(4, 5), { batchSize: 5, maxUnavailable: 4, perRack: 1 });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 4, 4, 4]);
    for (const b of batches) expect(new Set(b.map((m) => m.rack)).size).toBe(b.length);
  });

  it("takes a percentage rounded down, at least one", () => {
    expect(effectiveBatchSize(25, { batchPercent: 10 })).toBe(2);
    expect(effectiveBatchSize(5, { batchPercent: 10 })).toBe(1);
    expect(effectiveBatchSize(300, { batchPercent: 100 })).toBe(300);
    expect(effectiveBatchSize(300, { batchSize: 50, maxUnavailable: 20 })).toBe(20);
  });

  it("puts a canary batch first", () => {
    const batches = planBatches(fleet(3, 3), { batchSize: 4, canarySize: 2 });
    expect(batches.map((b) => b.length)).toEqual([2, 4, 3]);
  });

  it("handles machines without a rack", () => {
    const batches = planBatches([{ hostname: "a", rack: null }, { hostname: "b", rack: null }, { hostname: "c", rack: "r1" }], { batchSize: 2, perRack: 1 });
    expect(batches.map((b) => b.map((m) => m.hostname))).toEqual([["a", "c"], ["b"]]);
  });

  it("places every machine exactly once and respects every limit", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rack: fc.option(fc.constantFrom("r1", "r2", "r3", "r4", "r5"), { nil: null }) }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 20 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
        (rows, batchSize, perRack, maxUnavailable, canarySize) => {
          const machines = rows.map((r, i) => ({ hostname: `m${i}`, rack: r.rack }));
          const batches = planBatches(machines, { batchSize, perRack, maxUnavailable, canarySize });
          const flat = batches.flat().map((m) => m.hostname);
          expect(flat.sort()).toEqual(machines.map((m) => m.hostname).sort());
          const limit = Math.min(batchSize, maxUnavailable ?? Infinity);
          for (const b of batches) {
            expect(b.length).toBeGreaterThan(0);
            expect(b.length).toBeLessThanOrEqual(limit);
            if (perRack) {
              const per = new Map<string, number>();
              for (const m of b) per.set(m.rack ?? "", (per.get(m.rack ?? "") ?? 0) + 1);
              expect(Math.max(...per.values())).toBeLessThanOrEqual(perRack);
            }
          }
          if (canarySize) expect(batches[0].length).toBeLessThanOrEqual(canarySize);
        },
      ),
    );
  });
});
