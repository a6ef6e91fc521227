import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, type FieldIssue } from "@/lib/http/errors";
import { machineCreateSchema } from "@/lib/machines/schema";
import { draftRow } from "./check";
import { lookupsFor } from "./lookups";
import type { PasteHeader } from "./parse";
import { parsePaste } from "./parse";
import { planRows, type TemplateChoice, type World } from "./plan";
import { loadWorld } from "./queries";
import { IMPORT_LIMITS, type ImportDefaults, type ImportResult, type ImportRow } from "./schema";
import { DEFAULT_TEMPLATE, templateProblem } from "./template";

type Tx = Prisma.TransactionClient;

export interface Validated {
  result: ImportResult;
  world: World;
}

/** Refuses pastes past the limits with 413 before any work is done on them. */
export function checkPasteSize(text: string): void {
  if (text.length > IMPORT_LIMITS.textChars) {
    throw new AppError("payload_too_large", `the pasted text is larger than ${IMPORT_LIMITS.textChars / 1024 / 1024} MB; import it in parts`);
  }
  if (text.split(/\r\n|\n|\r/).length > IMPORT_LIMITS.lines) {
    throw new AppError("payload_too_large", `the pasted text has more than ${IMPORT_LIMITS.lines.toLocaleString("en")} lines; import it in parts`);
  }
}

/** Parses the paste and judges every row against the others and the database. Writes nothing. */
export async function validatePaste(tx: Tx, text: string, defaults: ImportDefaults): Promise<Validated> {
  const parsed = parsePaste(text);
  const drafts = parsed.rows.map((r) => draftRow(r, defaults, parsed.header !== null));
  const raw = defaults.hostnameTemplate ?? DEFAULT_TEMPLATE;
  const template: TemplateChoice = { template: raw, problem: templateProblem(raw) };
  const world = await loadWorld(tx, lookupsFor(drafts, template, defaults.subnet));
  const { rows, templateFailure } = planRows(drafts, world, template);
  return {
    world,
    result: {
      rows,
      created: 0,
      summary: summarise(rows),
      issues: defaultsIssues(defaults, world, { ...template, problem: template.problem ?? templateFailure }),
      notes: parsed.header ? [describeHeader(parsed.header)] : [],
    },
  };
}

function summarise(rows: ImportRow[]) {
  const ready = rows.filter((r) => r.status === "ok").length;
  return { total: rows.length, ready, attention: rows.length - ready };
}

function defaultsIssues(defaults: ImportDefaults, world: World, template: TemplateChoice): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const role = defaults.role?.toLowerCase();
  if (role && !world.roles.has(role)) issues.push({ path: "defaults.role", message: `no role "${defaults.role}"` });
  if (world.subnetProblem) issues.push({ path: "defaults.subnet", message: world.subnetProblem });
  const rack = defaults.rack ? machineCreateSchema.shape.rack.safeParse(defaults.rack) : null;
  if (rack && !rack.success) issues.push({ path: "defaults.rack", message: rack.error.issues[0].message });
  if (template.problem) issues.push({ path: "defaults.hostnameTemplate", message: template.problem });
  return issues;
}

function describeHeader(h: PasteHeader): string {
  const named = h.columns.filter(Boolean).join(", ");
  const ignored = h.ignored.length ? `; ignored column${h.ignored.length > 1 ? "s" : ""} ${h.ignored.map((c) => `"${c}"`).join(", ")}` : "";
  return `line ${h.line} is a header row: ${named}${ignored}`;
}
