import { toNextJsHandler } from "better-auth/next-js";
import { asReached } from "@/lib/auth/as-reached";
import { getAuth } from "@/lib/auth/auth";

// better-auth's own endpoints (sign-in, sign-out, session, OIDC callback), at the URL the
// browser used (lib/auth/as-reached.ts).
export async function GET(req: Request) {
  return toNextJsHandler(getAuth()).GET(asReached(req));
}

export async function POST(req: Request) {
  return toNextJsHandler(getAuth()).POST(asReached(req));
}
