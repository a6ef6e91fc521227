import { consoleUrl, consoleUrlFromHost } from "@/lib/boot/console-url";

/**
 * The request as the browser addressed it. Without FLEETBOOT_PUBLIC_URL, better-auth takes
 * its base URL, and so the origins it trusts and the OIDC redirect URI, from the request's
 * URL; behind the console's own server that URL names the address it listens on
 * (http://0.0.0.0:3000), so every browser sign-in through better-auth's endpoints was
 * refused as cross-origin and SSO sent browsers to 0.0.0.0. This rebuilds the URL from the
 * Host header, checked as a bare host[:port] as the boot scripts check it. A site that
 * posts from elsewhere still sends its own Origin, which then does not match.
 */
export function asReached(req: Request): Request {
  if (!consoleUrlFromHost()) return req;
  const base = consoleUrl(req.headers.get("host"));
  if (!base.ok) return req;
  const url = new URL(req.url);
  const reached = `${base.url}${url.pathname}${url.search}`;
  if (reached === req.url) return req;
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: req.headers, signal: req.signal, redirect: req.redirect };
  if (req.body) Object.assign(init, { body: req.body, duplex: "half" });
  return new Request(reached, init);
}
