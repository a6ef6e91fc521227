import { z } from "zod";
import type { FieldIssue } from "@/lib/http/errors";
import { boolish } from "@/lib/validation/fields";

// The contract of POST /api/machines/import (DESIGN.md), shared by the route and the
// console's server actions.

export const IMPORT_LIMITS = {
  /** Characters of pasted text, and lines: past either, the request is refused with 413. */
  textChars: 2 * 1024 * 1024,
  lines: 20_000,
  /** The JSON body around the text (escaped tabs and newlines, defaults). */
  bodyBytes: 3 * 1024 * 1024,
};

// "" from an untouched picker means "no default", as an absent key does.
const optionalText = z
  .string()
  .trim()
  .max(200, "at most 200 characters")
  .optional()
  .transform((v) => (v ? v : undefined));

export const importDefaultsSchema = z.object({
  role: optionalText,
  subnet: optionalText,
  rack: optionalText,
  hostnameTemplate: optionalText,
});

export const importRequestSchema = z.object({
  text: z.string({ error: (issue) => (issue.input === undefined ? "text is required: the pasted lines, one machine per line" : "text must be a string: the pasted lines, one machine per line") }),
  defaults: importDefaultsSchema.default({ role: undefined, subnet: undefined, rack: undefined, hostnameTemplate: undefined }),
  dryRun: boolish.optional().transform((v) => v ?? false),
});

export type ImportDefaults = z.output<typeof importDefaultsSchema>;
export type ImportRequest = z.output<typeof importRequestSchema>;

/** duplicate: repeated within the paste; conflict: clashes with what is registered. */
export type ImportStatus = "ok" | "invalid" | "duplicate" | "conflict";

export interface ImportRow {
  line: number;
  input: string;
  mac: string | null;
  hostname: string | null;
  ip: string | null;
  role: string | null;
  rack: string | null;
  bmc: string | null;
  status: ImportStatus;
  messages: string[];
}

export interface ImportResult {
  rows: ImportRow[];
  /** Machines written: 0 for a dry run or a refused import. */
  created: number;
  summary: { total: number; ready: number; attention: number };
  /** Problems with the defaults, by field (defaults.role, defaults.hostnameTemplate, …). */
  issues: FieldIssue[];
  /** What the parser made of the paste (e.g. a header row), in words. */
  notes: string[];
}
