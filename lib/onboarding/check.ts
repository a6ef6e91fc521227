import type { z } from "zod";
import { bmcSchema, hostname as hostnameSchema, ipv4 as ipv4Schema, machineCreateSchema } from "@/lib/machines/schema";
import type { PastedRow } from "./parse";
import type { ImportDefaults, ImportStatus } from "./schema";

// One row on its own: the shape of each cell, with the defaults filled in. What needs the
// other rows or the database is judged in plan.ts.

export type ProblemKind = Exclude<ImportStatus, "ok">;

export interface Problem {
  kind: ProblemKind;
  text: string;
}

export interface Draft {
  line: number;
  input: string;
  mac: string | null;
  /** The pasted hostname; a generated one is filled in by plan.ts. */
  hostname: string | null;
  ip: string | null;
  /** The line had an address, even one refused: it is not given a pool address instead. */
  ipGiven?: boolean;
  role: string | null;
  rack: string | null;
  bmc: string | null;
  problems: Problem[];
}

const rackSchema = machineCreateSchema.shape.rack.unwrap();
const roleSchema = machineCreateSchema.shape.role.unwrap();

function quoted(value: string): string {
  return value.length > 40 ? `"${value.slice(0, 40)}…"` : `"${value}"`;
}

export function draftRow(row: PastedRow, defaults: ImportDefaults, headed: boolean): Draft {
  const problems: Problem[] = [];
  const invalid = (text: string) => problems.push({ kind: "invalid", text });
  const field = (value: string | undefined, schema: z.ZodType<string>, what: string): string | null => {
    if (value === undefined) return null;
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    invalid(`${what} ${quoted(value)}: ${r.error.issues[0].message}`);
    return null;
  };

  if (!row.mac) invalid("no MAC address on this line");
  else if (!row.mac.ok) invalid(row.mac.reason);
  const draft: Draft = {
    line: row.line,
    input: row.input,
    mac: row.mac?.ok ? row.mac.mac : null,
    hostname: field(row.hostname, hostnameSchema, "hostname"),
    ip: field(row.ip, ipv4Schema, "IP address"),
    ipGiven: row.ip !== undefined,
    role: field(row.role ?? defaults.role, roleSchema, row.role ? "role" : "default role")?.toLowerCase() ?? null,
    rack: field(row.rack ?? defaults.rack, rackSchema, row.rack ? "rack" : "default rack"),
    bmc: field(row.bmc, bmcSchema.shape.address, "BMC address"),
    problems,
  };
  if (row.extra.length) {
    const cells = row.extra.map(quoted).join(", ");
    invalid(
      headed
        ? `more cells than the header row names: ${cells}; add a column name for them or remove them`
        : `more columns than understood: ${cells}; add a header row such as "mac,hostname,ip,role,rack,bmc" to say what each column is, or remove them`,
    );
  }
  return draft;
}
