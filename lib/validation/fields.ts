import { z } from "zod";
import { isUuid } from "@/lib/http/ref";

// Field shapes shared by several domain schemas (and so by forms and the API alike).

export const SLUG = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export const slug = (what: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .toLowerCase()
    .regex(SLUG, `${what} must be 1–63 lower-case letters, digits or hyphens, not starting or ending with a hyphen`)
    // "Names are accepted wherever an id is": a name shaped like an id would be looked up
    // as one, and what it names could never be found by name.
    .refine((v) => !isUuid(v), `${what} must not look like an id (8-4-4-4-12 hex digits)`);

export const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .refine((v) => !v.includes("\0"), "must not contain a NUL character");

/**
 * A check for `.superRefine` from a function that says why a value is refused, or null:
 * the domain's own check (lib/power/bmc-target.ts, lib/subnets/ipv4.ts), one message.
 */
export const refuseWith =
  (problemOf: (value: string) => string | null) =>
  (value: string, ctx: z.RefinementCtx): void => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  };

/** A list's page size from the query string: 1 to `max`, `fallback` when left out. */
/**
 * A whole number from `min` to `max`, from JSON or from a query string's digits. Only
 * plain digits are read as a number: "0x10", "1e2" and "1.0" are refused, not guessed at.
 */
export const fromDigits = (v: unknown): unknown => (typeof v === "string" && /^\s*\d{1,15}\s*$/.test(v) ? Number(v) : v);

export const wholeNumber = (min: number, max: number) => {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(fromDigits, z.number({ error: message }).int(message).min(min, message).max(max, message));
};

export const pageLimit = (max: number, fallback: number) => wholeNumber(1, max).default(fallback);

/** true/false from JSON, or from an HTML checkbox ("on", or a hidden "false"). */
export const boolish = z.union(
  [z.boolean(), z.enum(["true", "false", "on", "off"]).transform((v) => v === "true" || v === "on")],
  { error: "must be true or false" },
);

/** A whole number from JSON, or a form's digits. */
export const intish = z.union(
  [
    z.number().int("must be a whole number"),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, "must be a whole number")
      .transform(Number),
  ],
  { error: "must be a whole number" },
);

export const httpUrl = z
  .string()
  .trim()
  // The URL parser drops tabs and newlines without a word; the value is stored as sent.
  .refine((v) => !/[\s\x00-\x1f\x7f]/.test(v), "must not contain spaces, line breaks or control characters")
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
    } catch {
      return false;
    }
  }, "must be an http:// or https:// URL")
  .refine((v) => !v.includes("?") && !v.includes("#"), "must not contain a query string or fragment")
  .transform((v) => v.replace(/\/+$/, ""));

const MAX_BIGINT = 9223372036854775807n;

/** Whether `value` is a row id of a bigint column (events, audit entries) as digits: 0 to 2^63 − 1. */
export function isBigintId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}

export const bigintId = (message: string) => z.string().refine((v) => isBigintId(v), message);
