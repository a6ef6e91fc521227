import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv";

describe("csvField", () => {
  it("leaves plain text alone and writes nothing for missing values", () => {
    expect([csvField("node-01"), csvField(null), csvField(undefined), csvField(false), csvField(42)]).toEqual(["node-01", "", "", "false", "42"]);
  });

  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rlf")).toBe('"cr\rlf"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-1")).toBe("'-1");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  });

  it("writes dates as ISO 8601 UTC", () => {
    expect(csvField(new Date("2026-11-24T10:00:00Z"))).toBe("2026-11-24T10:00:00.000Z");
  });
});

describe("csvLine", () => {
  it("ends records with CRLF (RFC 4180)", () => {
    expect(csvLine(["a", "b,c", null])).toBe('a,"b,c",\r\n');
  });
});
