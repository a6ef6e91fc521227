import { AppError } from "./errors";
import { errorResponse } from "./respond";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ApiMethod = (typeof API_METHODS)[number];

type Answer = (req: Request) => Promise<Response>;

/** Marks the handlers made here, so that checks over every route can tell them apart. */
export const NOT_ALLOWED = Symbol.for("fleetboot.methodNotAllowed");

/**
 * The methods a route does not take, each answering 405 with the contract's JSON error and
 * an `Allow` header, plus OPTIONS listing what it does take. Without them Next.js answers a
 * wrong method with an empty 405, which a script reading the JSON error cannot explain.
 *
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
 */
export function otherMethods<A extends ApiMethod>(...allowed: A[]): Record<Exclude<ApiMethod, A> | "OPTIONS", Answer> {
  return methodsBut(allowed, allowed.includes("GET" as A));
}

/**
 * The same for a machine-facing GET that refuses HEAD (lib/boot/reply.ts): a probe must not
 * rotate a boot token, so HEAD is not offered either.
 */
export function otherThanGetNoHead(): Record<Exclude<ApiMethod, "GET"> | "OPTIONS", Answer> {
  return methodsBut(["GET"], false);
}

function methodsBut<A extends ApiMethod>(allowed: A[], head: boolean): Record<Exclude<ApiMethod, A> | "OPTIONS", Answer> {
  const allow = [...allowed, ...(head ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: Answer = async (req) => {
    const { pathname } = new URL(req.url);
    const res = errorResponse(new AppError("method_not_allowed", `${req.method} is not allowed on ${pathname}; it takes ${allowed.join(", ")}`, { allowed }));
    res.headers.set("allow", allow);
    return res;
  };
  const options: Answer = async () => new Response(null, { status: 204, headers: { allow } });
  const out = { OPTIONS: options } as Record<string, Answer>;
  for (const method of API_METHODS) if (!allowed.includes(method as A)) out[method] = refuse;
  Object.defineProperty(refuse, NOT_ALLOWED, { value: allowed });
  Object.defineProperty(options, NOT_ALLOWED, { value: allowed });
  return out as Record<Exclude<ApiMethod, A> | "OPTIONS", Answer>;
}
