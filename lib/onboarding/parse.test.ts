import { describe, expect, it } from "vitest";
import { parsePaste } from "./parse";

const macOf = (text: string) => parsePaste(text).rows.map((r) => (r.mac?.ok ? r.mac.mac : r.mac ? `!${r.mac.reason}` : null));

describe("parsePaste", () => {
  it("reads one machine per line in any separator and keeps line numbers and text", () => {
    const text = [
      "52:54:00:00:00:01",
      "",
      "# rack r01, from the BMC sheet",
      "52-54-00-00-00-02, web-02 ,10.0.0.2",
      "  5254.0000.0003;web-03;10.0.0.3  ",
      "525400000004\tweb-04\t10.0.0.4",
      "52:54:00:00:00:05 web-05   # spare",
    ].join("\r\n");
    const { rows, header } = parsePaste(text);
    expect(header).toBeNull();
    expect(rows.map((r) => r.line)).toEqual([1, 4, 5, 6, 7]);
    expect(rows[1].input).toBe("52-54-00-00-00-02, web-02 ,10.0.0.2");
    expect(macOf(text)).toEqual(["52:54:00:00:00:01", "52:54:00:00:00:02", "52:54:00:00:00:03", "52:54:00:00:00:04", "52:54:00:00:00:05"]);
    expect(rows.map((r) => [r.hostname, r.ip])).toEqual([
      [undefined, undefined],
      ["web-02", "10.0.0.2"],
      ["web-03", "10.0.0.3"],
      ["web-04", "10.0.0.4"],
      ["web-05", undefined],
    ]);
    expect(rows.every((r) => r.extra.length === 0)).toBe(true);
  });

  it("reads lines copied from a web page or typed full-width as the plain text they show", () => {
    const text = ["52:54:00:aa:00:03\u200b web-03", "５２：５４：００：ａａ：００：０４　web-04　１０．０．０．４", "\ufeff\u2060525400aa0005"].join("\n");
    expect(macOf(text)).toEqual(["52:54:00:aa:00:03", "52:54:00:aa:00:04", "52:54:00:aa:00:05"]);
    expect(parsePaste(text).rows.map((r) => [r.hostname, r.ip])).toEqual([["web-03", undefined], ["web-04", "10.0.0.4"], [undefined, undefined]]);
  });

  it("infers columns by shape in any order", () => {
    const [row] = parsePaste("10.0.0.9 db-01 52:54:00:aa:bb:cc").rows;
    expect(row).toMatchObject({ ip: "10.0.0.9", hostname: "db-01", mac: { ok: true, mac: "52:54:00:aa:bb:cc" }, extra: [] });
  });

  it("keeps what it cannot place without a header, for the row to name", () => {
    const [row] = parsePaste("52:54:00:aa:bb:cc db-01 storage r01 10.0.0.1 10.1.0.1").rows;
    expect(row.hostname).toBe("db-01");
    expect(row.ip).toBe("10.0.0.1");
    expect(row.extra).toEqual(["storage", "r01", "10.1.0.1"]);
  });

  it("names a broken MAC with the MAC parser's reason, even when it is not first", () => {
    expect(macOf("web-01 52:54:00:12:34:5")).toEqual([expect.stringMatching(/octet 6 .* one digit/)]);
    expect(macOf("0x525400123456")).toEqual([expect.stringMatching(/0x prefix/)]);
    expect(macOf("zz:54:00:12:34:56")).toEqual([expect.stringMatching(/not a hex digit/)]);
    expect(macOf("just-a-name")).toEqual([null]);
  });

  it("prefers the valid MAC when a line holds a broken one too", () => {
    const [row] = parsePaste("52:54:00:12:34:5 52:54:00:12:34:56").rows;
    expect(row.mac).toEqual({ ok: true, mac: "52:54:00:12:34:56" });
    expect(row.extra).toEqual(["52:54:00:12:34:5"]);
  });

  it("recognises a CSV header row and maps cells by position, empty cells included", () => {
    const text = "MAC Address,Name,IPv4,Role,Rack,BMC,Serial\n52:54:00:00:00:01,,10.0.0.1,storage,r01,10.21.0.1,SN1\n52:54:00:00:00:02,web-02,,compute,,,SN2,surplus";
    const { rows, header } = parsePaste(text);
    expect(header).toMatchObject({ line: 1, delimiter: ",", columns: ["mac", "hostname", "ip", "role", "rack", "bmc", null], ignored: ["Serial"] });
    expect(rows[0].hostname).toBeUndefined();
    expect(rows[0]).toMatchObject({ line: 2, ip: "10.0.0.1", role: "storage", rack: "r01", bmc: "10.21.0.1", extra: [] });
    expect(rows[1]).toMatchObject({ line: 3, hostname: "web-02", role: "compute", extra: ["surplus"] });
  });

  it("recognises TSV, semicolon and whitespace headers and quoted cells", () => {
    expect(parsePaste("mac\thostname\n52:54:00:00:00:01\tweb-01").rows[0].hostname).toBe("web-01");
    expect(parsePaste('"mac";"rack"\n"52:54:00:00:00:01";"r02"').rows[0].rack).toBe("r02");
    expect(parsePaste("# exported\n\nhostname mac\nweb-01 52:54:00:00:00:01").rows[0]).toMatchObject({ line: 4, hostname: "web-01" });
  });

  it("only takes the first content line as a header, and only when it holds no MAC", () => {
    expect(parsePaste("52:54:00:00:00:01 mac").header).toBeNull();
    const { rows, header } = parsePaste("52:54:00:00:00:01\nmac,hostname");
    expect(header).toBeNull();
    expect(rows).toHaveLength(2);
  });

  it("returns no rows for blank text and comments", () => {
    expect(parsePaste("\n  \n# nothing\n\t\n").rows).toEqual([]);
  });
});
