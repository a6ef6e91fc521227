import { z } from "zod";

// One vocabulary of error codes, mapped to HTTP once. The body is the DESIGN.md
// contract: {"error": {"code", "message", "details"?}}.
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

export function validationError(error: z.ZodError): AppError {
  const issues = fieldIssues(error);
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : "invalid input";
  return new AppError("validation_failed", message, { fields: issues });
}

interface PgLikeError {
  code?: string;
  meta?: { target?: unknown; modelName?: string; driverAdapterError?: { cause?: { kind?: string; constraint?: unknown } } };
}

/** A refusal that belongs to one field of the request: named in `details` as forms and clients read it. */
export function fieldError(path: string, message: string, code: "validation_failed" | "conflict" = "validation_failed"): AppError {
  return new AppError(code, message, { field: path, fields: [{ path, message }] });
}

/**
 * For a conflict the database itself raised (a unique index or a foreign key), as opposed
 * to one the code decided: the column or index it names ("" when none), so that the caller
 * can explain it by field or try again. Null for any other error.
 */
export function databaseConflict(err: unknown): string | null {
  if (err instanceof AppError) return null;
  const e = toAppError(err);
  return e.code === "conflict" ? String((e.details as { field?: string } | undefined)?.field ?? "") : null;
}

/** Translates database errors that callers can cause into AppErrors; anything else is unexpected. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof z.ZodError) return validationError(err);
  const e = err as PgLikeError;
  const cause = e?.meta?.driverAdapterError?.cause;
  if (e?.code === "P2002" || cause?.kind === "UniqueConstraintViolation") {
    const target = formatTarget(e.meta?.target ?? cause?.constraint, (cause as { table?: string } | undefined)?.table);
    return new AppError("conflict", target ? `${target} is already taken` : "already exists", target ? { field: target } : undefined);
  }
  if (e?.code === "P2025") return new AppError("not_found", "not found");
  // A NUL character (U+0000) that got past the request's own checks (a form's field, say):
  // PostgreSQL refuses it in text, and nothing was written.
  if ((cause as { code?: string } | undefined)?.code === "22021" || (err as { code?: string })?.code === "22021") {
    return new AppError("validation_failed", "a value contains a NUL character (\\u0000), which cannot be stored; remove it");
  }
  if (e?.code === "P2003" || cause?.kind === "ForeignKeyConstraintViolation") {
    // A write that points at a row which a concurrent request deleted, as opposed to a
    // delete of a row that others still point at.
    const original = (cause as { originalMessage?: string } | undefined)?.originalMessage ?? "";
    if (original.startsWith("insert or update")) {
      const table = /on table "(\w+)"/.exec(original)?.[1] ?? "";
      const column = /constraint "(\w+)"/.exec(original)?.[1].replace(`${table}_`, "").replace(/_fkey$/, "");
      const what = REFERENCED[column ?? ""] ?? "a record it refers to";
      return new AppError("conflict", `the ${what} it names was deleted at the same moment; check it and try again`, column ? { field: column } : undefined);
    }
    return new AppError("conflict", "it is still referenced by other records; remove those first");
  }
  return new AppError("internal", "internal error");
}

// Foreign-key columns by what they point at, for the message above.
const REFERENCED: Record<string, string> = {
  role_id: "role",
  subnet_id: "subnet",
  desired_version_id: "image version",
  image_version_id: "image version",
  image_id: "image",
  machine_id: "machine",
  rollout_id: "rollout",
};

function formatTarget(target: unknown, table?: string): string | undefined {
  if (Array.isArray(target)) return target.join(", ");
  if (typeof target === "string") return target;
  if (target && typeof target === "object") {
    if ("fields" in target) return formatTarget((target as { fields: unknown }).fields);
    // The pg adapter names the index ("machines_ipv4_key"); Prisma's own names are table_columns_key.
    if ("index" in target) {
      const index = String((target as { index: unknown }).index);
      return index.replace(table ? new RegExp(`^${table}_`) : /^$/, "").replace(/_(key|idx)$/, "");
    }
  }
  return undefined;
}

/** The contract's error answer for any failure: its status and `{ error: { code, message, details? } }`. */
export function errorPayload(err: unknown): { status: number; body: { error: { code: string; message: string; details?: unknown } } } {
  const e = toAppError(err);
  if (e.code === "internal") console.error("[fleetboot] unexpected error:", err);
  return { status: e.status, body: { error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } } };
}
