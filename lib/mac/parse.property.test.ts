import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMac } from "./parse";

// A unicast, non-zero MAC as six octets: what a network card really has.
const unicastMac = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 })
  .map(([first, ...rest]) => [first & 0xfe, ...rest])
  .filter((octets) => octets.some((o) => o !== 0));

const hex = (o: number) => o.toString(16).padStart(2, "0");

// Every notation people paste, with random case and surrounding whitespace.
const notations: ((octets: number[]) => string)[] = [
  (o) => o.map(hex).join(":"),
  (o) => o.map(hex).join("-"),
  (o) => o.map(hex).join(""),
  (o) => [0, 2, 4].map((i) => hex(o[i]) + hex(o[i + 1])).join("."),
];

function randomCase(s: string, mask: number[]): string {
  return [...s].map((c, i) => (mask[i % mask.length] ? c.toUpperCase() : c)).join("");
}

describe("parseMac (properties)", () => {
  it("never throws on arbitrary text and always answers ok+mac or a reason", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.fullUnicodeString(), fc.stringMatching(/^[0-9a-fA-F:.\- x]{0,24}$/)), (input) => {
        const r = parseMac(input);
        if (r.ok) expect(r.mac).toMatch(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
        else expect(r.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("normalises a valid MAC in any notation, case and padding to the same value", () => {
    fc.assert(
      fc.property(
        unicastMac,
        fc.constantFrom(...notations.keys()),
        fc.array(fc.boolean().map(Number), { minLength: 1, maxLength: 17 }),
        fc.constantFrom("", " ", "\t", "  \t"),
        (octets, notation, mask, pad) => {
          const expected = octets.map(hex).join(":");
          const written = `${pad}${randomCase(notations[notation](octets), mask)}${pad}`;
          expect(parseMac(written)).toEqual({ ok: true, mac: expected });
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("rejects every multicast address and never pads a short octet", () => {
    fc.assert(
      fc.property(unicastMac, fc.integer({ min: 0, max: 5 }), (octets, at) => {
        const multicast = [octets[0] | 1, ...octets.slice(1)];
        expect(parseMac(multicast.map(hex).join(":")).ok).toBe(false);
        const parts = octets.map(hex);
        parts[at] = parts[at][1];
        expect(parseMac(parts.join(":")).ok).toBe(false);
      }),
    );
  });
});
