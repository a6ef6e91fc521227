import { INVISIBLE, parseMac, type MacResult } from "@/lib/mac/parse";
import { columnOf, delimiterOf, shapeOf, splitCells, splitTokens, type Column, type Delimiter } from "./columns";

// A pasted list of machines → one row per machine line, each keeping its line number and
// its text so that every problem can be named where the user wrote it. Pure: no database,
// no validation beyond the MAC (lib/onboarding/check.ts judges the other cells).

export interface PastedRow {
  /** 1-based, counting blank and comment lines, so it matches the editor. */
  line: number;
  input: string;
  /** null when nothing on the line looks like a MAC address. */
  mac: MacResult | null;
  hostname?: string;
  ip?: string;
  role?: string;
  rack?: string;
  bmc?: string;
  /** Cells that were not understood (beyond the header, or not inferable by shape). */
  extra: string[];
}

export interface PasteHeader {
  line: number;
  delimiter: Delimiter;
  /** Per position: the column it fills, or null when it is ignored. */
  columns: (Column | null)[];
  /** Header cells that name no column we know, as written. */
  ignored: string[];
}

export interface ParsedPaste {
  rows: PastedRow[];
  header: PasteHeader | null;
}

type Fields = Partial<Record<Column, string>>;

export function parsePaste(text: string): ParsedPaste {
  const rows: PastedRow[] = [];
  let header: PasteHeader | null = null;
  let first = true;
  text.split(/\r\n|\n|\r/).forEach((input, i) => {
    // "#" never belongs to a MAC, name or address, so it starts a comment anywhere. What a
    // copy from a web page brings unseen (zero-width spaces, a BOM) goes, and full-width
    // digits, letters and colons become ASCII (NFKC), as parseMac does for a single MAC.
    const content = input.normalize("NFKC").replace(INVISIBLE, "").replace(/#.*/, "").trim();
    if (!content) return;
    const line = i + 1;
    if (first) {
      first = false;
      header = readHeader(content, line);
      if (header) return;
    }
    const { fields, extra } = header ? placeByHeader(content, header) : placeByShape(content);
    const { mac, ...rest } = fields;
    rows.push({ line, input, mac: mac ? parseMac(mac) : null, ...rest, extra });
  });
  return { rows, header };
}

/** The first content line is a header when it names a MAC column and holds no MAC. */
function readHeader(content: string, line: number): PasteHeader | null {
  const delimiter = delimiterOf(content);
  const cells = splitCells(content, delimiter);
  if (cells.some((c) => parseMac(c).ok)) return null;
  const seen = new Set<Column>();
  const ignored: string[] = [];
  const columns = cells.map((cell) => {
    const column = columnOf(cell);
    if (column && !seen.has(column)) {
      seen.add(column);
      return column;
    }
    if (cell) ignored.push(cell);
    return null;
  });
  return seen.has("mac") ? { line, delimiter, columns, ignored } : null;
}

function placeByHeader(content: string, header: PasteHeader): { fields: Fields; extra: string[] } {
  const fields: Fields = {};
  const extra: string[] = [];
  splitCells(content, header.delimiter).forEach((cell, i) => {
    if (!cell) return;
    if (i >= header.columns.length) extra.push(cell);
    else if (header.columns[i]) fields[header.columns[i]!] = cell;
  });
  return { fields, extra };
}

/** Without a header: one MAC, one IPv4 and one name per line are unambiguous; more are not. */
function placeByShape(content: string): { fields: Fields; extra: string[] } {
  const tokens = splitTokens(content);
  const shapes = tokens.map(shapeOf);
  // A line may carry a valid MAC after a broken one; the valid one is the machine's.
  let macAt = tokens.findIndex((t, i) => shapes[i] === "mac" && parseMac(t).ok);
  if (macAt === -1) macAt = shapes.indexOf("mac");
  const ipAt = shapes.indexOf("ip");
  const nameAt = shapes.indexOf("name");
  const fields: Fields = {};
  if (macAt !== -1) fields.mac = tokens[macAt];
  if (ipAt !== -1) fields.ip = tokens[ipAt];
  if (nameAt !== -1) fields.hostname = tokens[nameAt];
  const extra = tokens.filter((_, i) => i !== macAt && i !== ipAt && i !== nameAt);
  return { fields, extra };
}
