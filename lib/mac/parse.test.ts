import { describe, expect, it } from "vitest";
import { parseMac } from "./parse";

describe("parseMac", () => {
  it.each([
    ["52:54:00:12:34:56", "52:54:00:12:34:56"],
    ["52-54-00-AB-CD-EF", "52:54:00:ab:cd:ef"],
    ["5254.00ab.cdef", "52:54:00:ab:cd:ef"],
    ["525400ABCDEF", "52:54:00:ab:cd:ef"],
    ["  52:54:00:aB:Cd:eF\t", "52:54:00:ab:cd:ef"],
  ])("accepts %j", (input, mac) => {
    expect(parseMac(input)).toEqual({ ok: true, mac });
  });

  it.each([
    ["52:54:00:12:34:5", /octet 6 .* one digit/],
    ["52:54:00:12:34", /12/],
    ["52:54:00:12:34:56:78", /hex digits/],
    ["0x525400123456", /0x prefix/],
    ["52:54:00:12:34:zz", /"z"/],
    ["ff:ff:ff:ff:ff:ff", /broadcast/],
    ["00:00:00:00:00:00", /not a real/],
    ["01:00:5e:00:00:01", /multicast/],
    ["52:54-00:12:34:56", /mixes/],
    ["", /empty/],
    ["52:54:00:12:34:56'; DROP TABLE machines;--", /not a hex digit/],
  ])("rejects %j with a reason", (input, reason) => {
    const r = parseMac(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});
