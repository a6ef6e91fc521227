import ipaddr from "ipaddr.js";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { MACHINE_SORT_KEYS, MACHINE_STATES } from "./schema";

// The machine list's orders. Every order pages by a keyset cursor, (key, hostname), so a
// page deep into 100,000 machines costs what the first does. Machines with no value for the
// key (no role, no rack, never seen) come last in both directions, as a table user expects.

export type MachineSortKey = (typeof MACHINE_SORT_KEYS)[number];

export interface MachineSort {
  key: MachineSortKey;
  desc: boolean;
}

/** The order a list query asks for (`sort` and `dir`, as machineListQuery checked them); hostname by default. */
export function parseMachineSort(query: { sort?: MachineSortKey; dir?: "asc" | "desc" }): MachineSort {
  return { key: query.sort ?? "hostname", desc: query.dir === "desc" };
}

/** The order as a cursor names it: `lastSeen:desc`. */
function orderName(sort: MachineSort): string {
  return `${sort.key}:${sort.desc ? "desc" : "asc"}`;
}

interface KeyColumn {
  /** The key as SQL over `m` and the joins below. */
  expr: string;
  /** The key's value as text in a cursor, and back. */
  asText: string;
  fromText: (param: Prisma.Sql) => Prisma.Sql;
  /** Whether a cursor's text is a value of this key. */
  valid: (text: string) => boolean;
  joins?: string;
}

const TIMESTAMP = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?$/;

/** A UTC time as the cursor writes it, and one that exists (no 30 February, no hour 99). */
function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return year >= 1 && at.getUTCFullYear() === year && at.getUTCMonth() === month - 1 && at.getUTCDate() === day && at.getUTCHours() === hour && at.getUTCMinutes() === minute && at.getUTCSeconds() === second;
}

/** A name as the database holds it: no control characters (PostgreSQL refuses NUL in text). */
const isName = (max: number) => (text: string) => text.length <= max && !/[\x00-\x1f\x7f]/.test(text);

// Constant SQL only: nothing a request sends is ever part of these strings.
const COLUMNS: Record<Exclude<MachineSortKey, "hostname">, KeyColumn> = {
  // The lifecycle's order (the enum's), not the alphabet's.
  state: { expr: "m.state", asText: "m.state::text", fromText: (p) => Prisma.sql`${p}::"MachineState"`, valid: (t) => (MACHINE_STATES as readonly string[]).includes(t) },
  role: { expr: "sr.name", asText: "sr.name", fromText: (p) => Prisma.sql`${p}::text`, valid: isName(200), joins: "LEFT JOIN roles sr ON sr.id = m.role_id" },
  // What the column shows, the version, in numeric order (migration natural_version_order),
  // then the image it belongs to.
  version: {
    expr: `(sv.version || ' ' || si.name) COLLATE fleetboot_natural`,
    asText: "(sv.version || ' ' || si.name)",
    fromText: (p) => Prisma.sql`${p}::text`,
    valid: isName(400),
    joins: "LEFT JOIN image_versions sv ON sv.id = m.booted_version_id LEFT JOIN images si ON si.id = sv.image_id",
  },
  ipv4: { expr: "m.ipv4", asText: "host(m.ipv4)", fromText: (p) => Prisma.sql`${p}::inet`, valid: (t) => ipaddr.IPv4.isValidFourPartDecimal(t) },
  rack: { expr: "m.rack", asText: "m.rack", fromText: (p) => Prisma.sql`${p}::text`, valid: isName(200) },
  lastSeen: {
    expr: "m.last_seen_at",
    asText: `to_char(m.last_seen_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')`,
    fromText: (p) => Prisma.sql`(${p}::timestamp AT TIME ZONE 'UTC')`,
    valid: isTimestamp,
  },
};

/** Where a page ends: the last row's key (null when it has none) and hostname. */
export interface SortPosition {
  key: string | null;
  hostname: string;
}

const HOSTNAME = /^[a-z0-9-]{1,63}$/;

// Ascending hostname order keeps the cursor it always had (the hostname, base64url), so
// cursors handed out before other orders existed still work; every other order, descending
// hostnames included, carries its name and key, and a cursor is only taken by its order.
export function encodeSortCursor(sort: MachineSort, at: SortPosition): string {
  if (sort.key === "hostname" && !sort.desc) return Buffer.from(at.hostname, "utf8").toString("base64url");
  return Buffer.from(JSON.stringify({ s: orderName(sort), k: at.key, h: at.hostname }), "utf8").toString("base64url");
}

export function decodeSortCursor(sort: MachineSort, cursor: string): SortPosition {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const bad = () => new AppError("bad_request", "cursor is not one this API handed out", { field: "cursor" });
  if (sort.key === "hostname" && !sort.desc) {
    if (!HOSTNAME.test(text)) throw text.startsWith("{") ? otherOrder() : bad();
    return { key: text, hostname: text };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw HOSTNAME.test(text) ? otherOrder() : bad();
  }
  const c = parsed as { s?: unknown; k?: unknown; h?: unknown };
  if (typeof c !== "object" || c === null || typeof c.h !== "string" || !HOSTNAME.test(c.h)) throw bad();
  if (c.s !== orderName(sort)) throw otherOrder();
  if (sort.key === "hostname") return { key: c.h, hostname: c.h };
  if (c.k !== null && (typeof c.k !== "string" || !COLUMNS[sort.key].valid(c.k))) throw bad();
  return { key: c.k, hostname: c.h };
}

function otherOrder() {
  return new AppError("bad_request", "cursor belongs to another sort order: leave it out to start from the first page in this one", { field: "cursor" });
}

export interface SortSql {
  joins: Prisma.Sql;
  /** The key as text, selected as `k` for the next cursor. */
  keyText: Prisma.Sql;
  orderBy: Prisma.Sql;
  /** Rows after `at` in this order, or TRUE. */
  after: (at: SortPosition | undefined) => Prisma.Sql;
}

export function machineSortSql(sort: MachineSort): SortSql {
  const dir = Prisma.raw(sort.desc ? "DESC" : "ASC");
  const beyond = Prisma.raw(sort.desc ? "<" : ">");
  if (sort.key === "hostname") {
    return {
      joins: Prisma.empty,
      keyText: Prisma.sql`m.hostname`,
      orderBy: Prisma.sql`m.hostname ${dir}`,
      after: (at) => (at ? Prisma.sql`m.hostname ${beyond} ${at.hostname}` : Prisma.sql`TRUE`),
    };
  }
  const col = COLUMNS[sort.key];
  const expr = Prisma.raw(col.expr);
  return {
    joins: col.joins ? Prisma.raw(col.joins) : Prisma.empty,
    keyText: Prisma.raw(col.asText),
    // Rows without a key last either way; hostname breaks ties in the key's direction.
    orderBy: Prisma.sql`(${expr} IS NULL), ${expr} ${dir}, m.hostname ${dir}`,
    after: (at) => {
      if (!at) return Prisma.sql`TRUE`;
      if (at.key === null) return Prisma.sql`(${expr} IS NULL AND m.hostname ${beyond} ${at.hostname})`;
      return Prisma.sql`(${expr} IS NULL OR (${expr}, m.hostname) ${beyond} (${col.fromText(Prisma.sql`${at.key}`)}, ${at.hostname}))`;
    },
  };
}
