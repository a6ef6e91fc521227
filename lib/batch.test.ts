import { describe, expect, it } from "vitest";
import { createBatcher } from "./batch";

describe("createBatcher", () => {
  it("answers a lone request alone, and what arrives during a batch as the next batch", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const load = createBatcher<number, string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate;
      return items.map((i) => `#${i}`);
    });
    const first = load(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((i) => load(i));
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([[1]]);
    release();
    expect(await Promise.all([first, ...rest])).toEqual(["#1", "#2", "#3", "#4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("fails every request of a failed batch, and carries on with the next", async () => {
    let fail = true;
    const load = createBatcher<number, number>(async (items) => {
      if (fail) throw new Error("database down");
      return items;
    });
    const failed = await Promise.allSettled([load(1), load(2)]);
    expect(failed.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await load(3)).toBe(3);
  });

  it("splits a large queue into batches of at most maxBatch", async () => {
    const sizes: number[] = [];
    const load = createBatcher<number, number>(async (items) => (sizes.push(items.length), items), { maxBatch: 4, maxInFlight: 8 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => load(i)));
    expect(sizes).toEqual([4, 4, 2]);
  });
});
