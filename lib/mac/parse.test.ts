import { describe, expect, it } from "vitest";
import { parseMac } from "./parse";

describe("parseMac", () => {
  it.each([
    ["52:54:00:12:34:56", "52:54:00:12:34:56"],
    ["52-54-00-AB-CD-EF", "52:54:00:ab:cd:ef"],
    ["5254.00ab.cdef", "52:54:00:ab:cd:ef"],
    ["525400ABCDEF", "52:54:00:ab:cd:ef"],
    ["  52:54:00:aB:Cd:eF\t", "52:54:00:ab:cd:ef"],
    // Copied from a web page or typed on a full-width keyboard.
    ["52:54:00:aa:00:03\u200b", "52:54:00:aa:00:03"],
    ["\ufeff52:54:00:aa:\u200d00:03", "52:54:00:aa:00:03"],
    ["５２：５４：００：ＡＡ：００：０３", "52:54:00:aa:00:03"],
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

  it("names a look-alike letter or an invisible character by its code point", () => {
    expect(parseMac("52:54:00:\u0430a:00:02")).toEqual({ ok: false, reason: '"52:54:00:аa:00:02" contains "а" (U+0430, a letter of another alphabet), which is not a hex digit or separator' });
    expect(parseMac("52:54:00:aa\u0007:00:02")).toEqual({ ok: false, reason: '"52:54:00:aa<U+0007>:00:02" contains "<U+0007>" (U+0007), which is not a hex digit or separator' });
  });
});
