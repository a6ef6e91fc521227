import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ipToNumber, numberToIp } from "./ipv4";
import { freeRanges } from "./pool";

describe("freeRanges", () => {
  it("leaves reserved addresses out of the pool", () => {
    expect(freeRanges("10.20.1.0", "10.20.1.10", ["10.20.1.1", "10.20.1.2", "10.20.1.10", "10.20.0.7", "10.20.1.5"])).toEqual([
      ["10.20.1.0", "10.20.1.0"],
      ["10.20.1.3", "10.20.1.4"],
      ["10.20.1.6", "10.20.1.9"],
    ]);
    expect(freeRanges("10.0.0.10", "10.0.0.12", ["10.0.0.10", "10.0.0.11", "10.0.0.12"])).toEqual([]);
    expect(freeRanges("10.0.0.10", "10.0.0.12", [])).toEqual([["10.0.0.10", "10.0.0.12"]]);
    expect(freeRanges("10.0.0.255", "10.0.1.1", ["10.0.1.0"])).toEqual([["10.0.0.255", "10.0.0.255"], ["10.0.1.1", "10.0.1.1"]]);
  });

  it("covers every free address of the pool exactly once and no reserved one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 60 }), fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 40 }), (from, size, picks) => {
        const base = ipToNumber("172.16.0.0");
        const reserved = picks.map((p) => numberToIp(base + p));
        const ranges = freeRanges(numberToIp(base + from), numberToIp(base + from + size), reserved);
        const covered = ranges.flatMap(([a, b]) => Array.from({ length: ipToNumber(b) - ipToNumber(a) + 1 }, (_, i) => ipToNumber(a) + i));
        const expected = Array.from({ length: size + 1 }, (_, i) => base + from + i).filter((n) => !picks.includes(n - base));
        expect(covered).toEqual(expected);
      }),
    );
  });

  it("writes addresses above 128.0.0.0 as unsigned", () => {
    expect(numberToIp(ipToNumber("192.168.255.254"))).toBe("192.168.255.254");
  });
});
