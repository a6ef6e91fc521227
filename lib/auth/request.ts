import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/http/errors";

export type Permission = "read" | "operate" | "administer";

export interface Actor {
  kind: "admin-token";
  name: string;
}

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Who is calling the API. Automation authenticates with `Authorization: Bearer <token>`;
 * FLEETBOOT_ADMIN_TOKEN, when set, is an admin token. Every API route except health and
 * the machine-facing boot endpoints calls this once, with the action's permission.
 */
export function requireActor(req: Request, _permission: Permission): Actor {
  const header = req.headers.get("authorization");
  if (!header) throw new AppError("unauthorized", "authentication required: send Authorization: Bearer <token>");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AppError("unauthorized", "malformed Authorization header: expected Bearer <token>");
  const adminToken = process.env.FLEETBOOT_ADMIN_TOKEN;
  if (adminToken && sameSecret(match[1], adminToken)) return { kind: "admin-token", name: "admin token" };
  throw new AppError("unauthorized", "invalid or revoked token");
}

/**
 * For reads the console's own pages make from the browser (e.g. the event stream): a
 * bearer token as above, or a same-origin browser request. The console's pages have no
 * login yet, so this exposes nothing they do not already show.
 */
export function requireReader(req: Request): Actor | { kind: "console"; name: string } {
  if (req.headers.get("authorization")) return requireActor(req, "read");
  if (req.headers.get("sec-fetch-site") === "same-origin") return { kind: "console", name: "console" };
  throw new AppError("unauthorized", "authentication required: send Authorization: Bearer <token>");
}
