import { isIpxeUrl } from "./ipxe-safe";

export type ConsoleUrlResult = { ok: true; url: string } | { ok: false; reason: string };

const HOST_HEADER = /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/;

/**
 * The console's base URL as machines must reach it: FLEETBOOT_PUBLIC_URL when set, else
 * the Host the request came in on. It is written into iPXE scripts and kernel command
 * lines, so it must be plain http (the 2019 iPXE build has no HTTPS) and a Host header
 * is never trusted beyond a bare host[:port].
 */
export function consoleUrl(host: string | null | undefined, env: NodeJS.ProcessEnv = process.env): ConsoleUrlResult {
  const configured = env.FLEETBOOT_PUBLIC_URL?.trim();
  if (configured) {
    const url = configured.replace(/\/+$/, "");
    if (url.startsWith("https://")) {
      return { ok: false, reason: "FLEETBOOT_PUBLIC_URL is https, but this iPXE build has no HTTPS: give machines an http:// URL" };
    }
    if (!isIpxeUrl(url)) return { ok: false, reason: "FLEETBOOT_PUBLIC_URL is not a plain http://host[:port][/path] URL" };
    return { ok: true, url };
  }
  if (!host) return { ok: false, reason: "the request has no Host header and FLEETBOOT_PUBLIC_URL is not set" };
  if (!HOST_HEADER.test(host)) return { ok: false, reason: "the request's Host header is not a plain host[:port]" };
  return { ok: true, url: `http://${host.toLowerCase()}` };
}

/** Whether consoleUrl() takes the request's Host, FLEETBOOT_PUBLIC_URL being unset. */
export function consoleUrlFromHost(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.FLEETBOOT_PUBLIC_URL?.trim();
}
