import type { z } from "zod";
import { AppError, validationError } from "./errors";

// JSON request bodies, without Next.js: shared by route handlers (lib/http/respond.ts) and
// the console's bare node:http front (lib/boot/report-handler.ts).

function requireJsonContentType(contentType: string): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
}

const bodyTooLarge = (limit: number) => new AppError("payload_too_large", `the body is larger than ${limit} bytes`);

/** Parses a body's text (empty = `{}`) and validates it with `schema`. */
function parseJsonBody<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }
  const nul = nulPath(data, "");
  if (nul !== null) throw nulError(nul);
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/**
 * Where a NUL character (U+0000) sits in a parsed JSON value, as a field path ("" for the
 * top level), or null. PostgreSQL cannot store one in text, so it is refused up front,
 * naming the field, rather than failing the write.
 */
export function nulPath(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\0") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\0")) return at;
    const found = nulPath(item, at);
    if (found !== null) return found;
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
export async function readJsonBody<S extends z.ZodType>(source: JsonBodySource, schema: S, limit: number): Promise<z.output<S>> {
  requireJsonContentType(source.contentType);
  if (source.declaredLength > limit) throw bodyTooLarge(limit);
  const text = await source.readBody(limit);
  if (text === null) throw bodyTooLarge(limit);
  return parseJsonBody(text, schema);
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
