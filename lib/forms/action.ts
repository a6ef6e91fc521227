import { headers } from "next/headers";
import { z } from "zod";
import { sourceIpOf } from "@/lib/http/client-address";
import { withSourceIp } from "@/lib/http/request-context";
import { toAppError, fieldIssues } from "@/lib/http/errors";
import type { FormState } from "./state";

// Server actions behind the console's forms: the same zod schema as the API, and a
// state that puts each error next to the field that caused it.
export type { FormState } from "./state";

/**
 * FormData → plain object. Empty inputs become undefined (create: optional fields stay
 * unset) or null (update: the user cleared the field).
 */
export function formDataToObject(fd: FormData, empty: null | undefined = undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of fd.entries()) {
    if (key.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    out[key] = value.trim() === "" ? empty : value;
  }
  return out;
}

function echo(fd: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of fd.entries()) if (typeof value === "string" && !key.startsWith("$ACTION")) out[key] = value;
  return out;
}

/**
 * Errors by form field. A nested path ("dns.1", "bmc.port") also marks its top field, which
 * is the input the form has ("dns" holds the whole list), saying which entry it was.
 */
export function formFieldErrors(issues: { path: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, message } of issues) {
    out[path || "_form"] ??= message;
    const [top, next] = path.split(".");
    if (next !== undefined) out[top] ??= /^\d+$/.test(next) ? `entry ${Number(next) + 1}: ${message}` : message;
  }
  return out;
}

/** Runs `fn` with the form's validated input; maps validation and conflict errors to fields. */
export async function runFormAction<S extends z.ZodType>(
  fd: FormData,
  schema: S,
  fn: (input: z.output<S>) => Promise<string | void>,
  opts: { emptyAs?: null | undefined; reshape?: (values: Record<string, unknown>) => unknown } = {},
): Promise<FormState> {
  const values = formDataToObject(fd, opts.emptyAs);
  const parsed = schema.safeParse(opts.reshape ? opts.reshape(values) : values);
  if (!parsed.success) {
    return { ok: false, message: "Fix the highlighted fields.", fieldErrors: formFieldErrors(fieldIssues(parsed.error)), values: echo(fd) };
  }
  try {
    // Audit entries written by the action record the browser's address.
    const message = await withSourceIp(sourceIpOf(await headers()), () => fn(parsed.data));
    return { ok: true, message: message ?? "Saved.", savedAt: Date.now() };
  } catch (err) {
    // next/navigation's redirect() works by throwing; let it through.
    if (err && typeof err === "object" && "digest" in err && String((err as { digest: unknown }).digest).startsWith("NEXT_")) throw err;
    const appError = toAppError(err);
    const details = appError.details as { field?: string; fields?: { path: string; message: string }[] } | undefined;
    let fieldErrors: Record<string, string> | undefined;
    if (details?.fields?.length) fieldErrors = formFieldErrors(details.fields);
    else if (details?.field) fieldErrors = { [details.field]: appError.message };
    return { ok: false, message: appError.code === "internal" ? "Something went wrong; see the server log." : appError.message, fieldErrors, values: echo(fd) };
  }
}

/** Runs a delete; an expected failure (e.g. still referenced) comes back as a message. */
export async function runDeleteAction(fn: () => Promise<unknown>): Promise<{ error: string } | undefined> {
  try {
    await withSourceIp(sourceIpOf(await headers()), fn);
    return undefined;
  } catch (err) {
    const appError = toAppError(err);
    return { error: appError.code === "internal" ? "Something went wrong; see the server log." : appError.message };
  }
}
