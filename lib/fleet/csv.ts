import type { DriftRow } from "./drift-queries";

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote or a line break, with quotes
 * doubled. Text that a spreadsheet would run as a formula (=, +, -, @ first) gets a
 * leading apostrophe: names come from people and imports, and the file is opened in
 * spreadsheets.
 */
export function csvField(value: string | number | boolean | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: Parameters<typeof csvField>[0][]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export const DRIFT_CSV_HEADER = csvLine([
  "hostname",
  "role",
  "rack",
  "state",
  "maintenance",
  "booted_version",
  "desired_version",
  "last_boot_at",
  "last_seen_at",
  "reported_sha256",
  "expected_sha256",
]);

export function driftCsvLine(r: DriftRow): string {
  return csvLine([
    r.hostname,
    r.role,
    r.rack,
    r.state,
    r.maintenance,
    r.bootedVersion,
    r.desiredVersion,
    r.lastBootAt,
    r.lastSeenAt,
    r.reportedSha256,
    r.expectedSha256,
  ]);
}
