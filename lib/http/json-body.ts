import type { z } from "zod";
import { AppError, validationError } from "./errors";

// JSON request bodies, without Next.js: shared by route handlers (lib/http/respond.ts) and
// the console's bare node:http front (lib/boot/report-handler.ts).

export function requireJsonContentType(contentType: string): void {
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "send the body as JSON with Content-Type: application/json");
  }
}

export const bodyTooLarge = (limit: number) => new AppError("payload_too_large", `the body is larger than ${limit} bytes`);

/** Parses a body's text (empty = `{}`) and validates it with `schema`. */
export function parseJsonBody<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  let data: unknown;
  try {
    data = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "the body is not valid JSON");
  }
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** A web Request's body as text, or null as soon as it grows past `limit` bytes. */
export async function readBodyText(req: Request, limit: number): Promise<string | null> {
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
