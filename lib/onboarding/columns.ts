import { parseMac } from "@/lib/mac/parse";

// What a pasted line's cells can mean. A header row names them; without one, a cell's
// shape says what it is (a MAC, an IPv4, a name), and only when that is unambiguous.

export const COLUMNS = ["mac", "hostname", "ip", "role", "rack", "bmc"] as const;
export type Column = (typeof COLUMNS)[number];

// Header cells are compared without case, spaces, dashes or underscores: "MAC Address",
// "mac_address" and "mac-address" are the same column.
const ALIASES: Record<string, Column> = {
  mac: "mac",
  macaddress: "mac",
  macaddr: "mac",
  hwaddr: "mac",
  hwaddress: "mac",
  hostname: "hostname",
  name: "hostname",
  host: "hostname",
  ip: "ip",
  ipv4: "ip",
  address: "ip",
  ipaddress: "ip",
  ipv4address: "ip",
  role: "role",
  rack: "rack",
  bmc: "bmc",
  bmcaddress: "bmc",
  bmcip: "bmc",
  ipmi: "bmc",
  idrac: "bmc",
  ilo: "bmc",
};

export function columnOf(cell: string): Column | null {
  return ALIASES[cell.toLowerCase().replace(/[\s_-]+/g, "")] ?? null;
}

export type Delimiter = "\t" | "," | ";" | "whitespace";

/** The delimiter of a header row: the most specific one it contains. */
export function delimiterOf(line: string): Delimiter {
  if (line.includes("\t")) return "\t";
  if (line.includes(",")) return ",";
  if (line.includes(";")) return ";";
  return "whitespace";
}

function unquote(cell: string): string {
  const t = cell.trim();
  return /^(["']).*\1$/.test(t) && t.length >= 2 ? t.slice(1, -1).trim() : t;
}

/** Cells of a line under a header: positions matter, so empty cells are kept. */
export function splitCells(line: string, delimiter: Delimiter): string[] {
  const cells = delimiter === "whitespace" ? line.trim().split(/\s+/) : line.split(delimiter);
  return cells.map(unquote);
}

/** Tokens of a line without a header: any run of separators splits. */
export function splitTokens(line: string): string[] {
  return line.split(/[\s,;]+/).map(unquote).filter(Boolean);
}

export type Shape = "mac" | "ip" | "name";

// Hostnames never contain ":", and IPv4 addresses are digits and dots; anything with a
// colon, a 0x prefix, 5+ dash-separated hex pairs, a Cisco-style dotted triple or a long
// run of hex digits is somebody's attempt at a MAC, so its error is a MAC error.
const MAC_ATTEMPT = [/^0x/i, /:/, /^[0-9a-f]{1,2}(-[0-9a-f]{1,2}){4,}$/i, /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{0,5}$/i, /^[0-9a-f]{10,14}$/i];

export function shapeOf(token: string): Shape {
  if (parseMac(token).ok || MAC_ATTEMPT.some((re) => re.test(token))) return "mac";
  if (/^\d+(\.\d+)+$/.test(token)) return "ip";
  return "name";
}
