import { NextResponse, type NextRequest } from "next/server";
import { getAuth } from "@/lib/auth/auth";

// Every console page needs a valid session (checked against the database, not just the
// cookie's presence). API routes authenticate themselves (bearer token or session, with
// a role check), and the machine-facing boot endpoints have their own rules.
const OPEN = [/^\/login$/, /^\/setup$/, /^\/api\//, /^\/_next\//, /^\/favicon\.ico$/, /^\/icon\.svg$/];

export async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (OPEN.some((re) => re.test(pathname))) return NextResponse.next();
  const session = await getAuth().api.getSession({ headers: req.headers });
  if (session) return NextResponse.next();
  const login = new URL("/login", req.url);
  if (pathname !== "/") login.searchParams.set("next", `${pathname}${search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/((?!_next/static|_next/image).*)"] };
