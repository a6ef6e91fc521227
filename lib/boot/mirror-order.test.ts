import { describe, expect, it } from "vitest";
import { orderMirrors, rotate } from "./mirror-order";

const mac = (i: number) => `52:54:00:${[(i >> 16) & 255, (i >> 8) & 255, i & 255].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;
const MACS = Array.from({ length: 10_000 }, (_, i) => mac(i));

function firstChoiceShares(mirrors: { id: string; weight: number }[]) {
  const counts = new Map<string, number>();
  for (const m of MACS) {
    const first = orderMirrors(m, mirrors)[0].id;
    counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return new Map([...counts].map(([id, n]) => [id, n / MACS.length]));
}

describe("orderMirrors", () => {
  const four = ["a", "b", "c", "d"].map((id) => ({ id, weight: 100 }));

  it("gives each MAC a stable order, whatever order the mirrors are listed in", () => {
    const once = orderMirrors("52:54:00:aa:bb:01", four).map((m) => m.id);
    expect(orderMirrors("52:54:00:aa:bb:01", [...four].reverse()).map((m) => m.id)).toEqual(once);
    expect(orderMirrors("52:54:00:aa:bb:01", four).map((m) => m.id)).toEqual(once);
    expect(new Set(once).size).toBe(4);
  });

  it("spreads 10,000 MACs over equal mirrors within a few percent", () => {
    for (const share of firstChoiceShares(four).values()) expect(Math.abs(share - 0.25)).toBeLessThan(0.02);
  });

  it("spreads the second choice too, so a failed mirror's load is shared", () => {
    const seconds = new Map<string, number>();
    for (const m of MACS) {
      const order = orderMirrors(m, four);
      if (order[0].id !== "a") continue;
      seconds.set(order[1].id, (seconds.get(order[1].id) ?? 0) + 1);
    }
    const total = [...seconds.values()].reduce((a, b) => a + b, 0);
    for (const n of seconds.values()) expect(Math.abs(n / total - 1 / 3)).toBeLessThan(0.04);
  });

  it("honours weights", () => {
    const shares = firstChoiceShares([{ id: "big", weight: 300 }, { id: "small", weight: 100 }]);
    expect(shares.get("big")).toBeGreaterThan(0.73);
    expect(shares.get("big")).toBeLessThan(0.77);
  });

  it("moves only the MACs of a mirror that is taken away", () => {
    const without = four.filter((m) => m.id !== "d");
    let moved = 0;
    for (const m of MACS) {
      const before = orderMirrors(m, four)[0].id;
      const after = orderMirrors(m, without)[0].id;
      if (before !== "d") expect(after).toBe(before);
      else moved++;
    }
    expect(moved / MACS.length).toBeGreaterThan(0.22);
  });

  it("leaves out mirrors with no weight and handles none", () => {
    expect(orderMirrors("52:54:00:aa:bb:01", [{ id: "x", weight: 0 }])).toEqual([]);
    expect(orderMirrors("52:54:00:aa:bb:01", [])).toEqual([]);
  });
});

describe("rotate", () => {
  it("starts the order further along on each attempt", () => {
    expect(rotate([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(rotate([1, 2, 3], 1)).toEqual([2, 3, 1]);
    expect(rotate([1, 2, 3], 4)).toEqual([2, 3, 1]);
    expect(rotate([], 3)).toEqual([]);
  });
});
