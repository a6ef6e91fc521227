import type { z } from "zod";
import { unknownKeyMessage, unknownKeys } from "@/lib/validation/unknown-keys";
import { AppError, validationError } from "./errors";

// JSON request bodies, without Next.js: shared by route handlers (lib/http/respond.ts) and
// the console's bare node:http front (lib/boot/report-handler.ts).

function requireJsonContentType(contentType: string): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
}

const bodyTooLarge = (limit: number) => new AppError("payload_too_large", `the body is larger than ${limit} bytes`);

export interface JsonBodyOptions {
  /**
   * Refuse fields the schema does not have (the console's API), rather than dropping
   * them. The agent's report leaves this off: an image's newer agent may say more.
   */
  rejectUnknown?: boolean;
}

/** Parses a body's text (empty = `{}`) and validates it with `schema`. */
function parseJsonBody<S extends z.ZodType>(text: string, schema: S, options: JsonBodyOptions): z.output<S> {
  let data: unknown;
  try {
    data = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }
  const nul = nulPath(data, "");
  if (nul !== null) throw nulError(nul);
  if (options.rejectUnknown) {
    const unknown = unknownKeys(schema, data);
    if (unknown.length > 0) {
      const fields = unknown.map((u) => ({ path: u.path, message: unknownKeyMessage(u) }));
      throw new AppError("validation_failed", fields.map((f) => (f.path.includes(".") ? `${f.path}: ${f.message}` : f.message)).join("; "), { fields });
    }
  }
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** Deeper than any body the API takes; a deeper one is refused before it is looked at. */
export const MAX_JSON_DEPTH = 32;

/**
 * Where a NUL character (U+0000) sits in a parsed JSON value, as a field path ("" for the
 * top level), or null. PostgreSQL cannot store one in text, so it is refused up front,
 * naming the field, rather than failing the write. Walked without recursion, and a value
 * nested deeper than MAX_JSON_DEPTH is refused: a body of 20,000 nested arrays must be a
 * 400, not a stack overflow.
 */
export function nulPath(value: unknown, path: string): string | null {
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length > 0) {
    const [item, at, depth] = stack.pop()!;
    if (typeof item === "string") {
      if (item.includes("\0")) return at;
      continue;
    }
    if (item === null || typeof item !== "object") continue;
    if (depth >= MAX_JSON_DEPTH) throw new AppError("bad_request", `the body is nested more than ${MAX_JSON_DEPTH} levels deep${at ? ` (at ${at})` : ""}`);
    const entries = Object.entries(item);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childAt = at ? `${at}.${key}` : key;
      if (key.includes("\0")) return childAt;
      stack.push([child, childAt, depth + 1]);
    }
  }
  return null;
}

export function nulError(path: string): AppError {
  const message = "must not contain a NUL character (\\u0000)";
  return new AppError("validation_failed", path ? `${path}: ${message}` : message, { fields: [{ path, message }] });
}

/** A request as a JSON body reader needs it, whichever server received it. */
export interface JsonBodySource {
  contentType: string;
  /** Content-Length as declared, NaN when absent. */
  declaredLength: number;
  /** The body as text, or null once it is longer than `limit` bytes. */
  readBody(limit: number): Promise<string | null>;
}

/** Reads a JSON body no larger than `limit` bytes and validates it with `schema`. */
export async function readJsonBody<S extends z.ZodType>(source: JsonBodySource, schema: S, limit: number, options: JsonBodyOptions = {}): Promise<z.output<S>> {
  requireJsonContentType(source.contentType);
  if (source.declaredLength > limit) throw bodyTooLarge(limit);
  const text = await source.readBody(limit);
  if (text === null) throw bodyTooLarge(limit);
  return parseJsonBody(text, schema, options);
}

/** A web Request as a body source. */
export function webBodySource(req: Request): JsonBodySource {
  return {
    contentType: req.headers.get("content-type") ?? "",
    declaredLength: Number(req.headers.get("content-length") ?? NaN),
    readBody: (limit) => readBodyText(req, limit),
  };
}

/** A web Request's body as text, or null as soon as it grows past `limit` bytes. */
async function readBodyText(req: Request, limit: number): Promise<string | null> {
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
}
