import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, errorPayload, validationError } from "./errors";
import { nulError, nulPath, readJsonBody, webBodySource } from "./json-body";
import { unknownKeyMessage, unknownKeys } from "@/lib/validation/unknown-keys";
import { repeatedParam } from "./query";
import { withRequestContext } from "./request-context";

export function errorResponse(err: unknown): NextResponse {
  const { status, body } = errorPayload(err);
  return NextResponse.json(body, { status });
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

/** Wraps a route handler so that every failure becomes the contract's error body. */
export function handle<C>(fn: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    try {
      // A NUL in a path segment (a name or id looked up) can never match, and PostgreSQL
      // refuses it in text: a clear 400 rather than a failed query.
      if (/%00/i.test(new URL(req.url).pathname)) throw new AppError("bad_request", "the URL path contains a NUL character (%00)");
      return await withRequestContext(req, () => fn(req, ctx));
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Reads a JSON body no larger than `limit` bytes and validates it with `schema`. A field
 * the schema does not have is refused by name (lib/validation/unknown-keys.ts).
 */
export async function readJson<S extends z.ZodType>(req: Request, schema: S, limit = DEFAULT_BODY_LIMIT): Promise<z.output<S>> {
  return readJsonBody(webBodySource(req), schema, limit, { rejectUnknown: true });
}

/**
 * Validates query-string parameters with `schema`. As with bodies, a parameter the schema
 * does not have is refused by name: `?rol=storage` would otherwise list every machine.
 */
export function readQuery<S extends z.ZodType>(req: Request, schema: S): z.output<S> {
  const search = new URL(req.url).searchParams;
  const twice = repeatedParam(search);
  if (twice !== null) throw new AppError("validation_failed", `${twice} is given more than once`, { field: twice, fields: [{ path: twice, message: "given more than once" }] });
  const params = Object.fromEntries(search);
  const unknown = unknownKeys(schema, params);
  if (unknown.length > 0) {
    const fields = unknown.map((u) => ({ path: u.key, message: u.key === "" ? "a query parameter has no name (…?=value)" : unknownKeyMessage(u, "query parameter") }));
    throw new AppError("validation_failed", fields.map((f) => f.message).join("; "), { field: fields[0].path, fields });
  }
  const nul = nulPath(params, "");
  if (nul !== null) throw nulError(nul);
  const result = schema.safeParse(params);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

const NO_PARAMETERS = z.object({});

/** For an endpoint that takes no query parameters: any one sent is refused by name. */
export function refuseQuery(req: Request): void {
  readQuery(req, NO_PARAMETERS);
}

export function json(data: unknown, init?: ResponseInit): NextResponse {
  return NextResponse.json(data, init);
}
