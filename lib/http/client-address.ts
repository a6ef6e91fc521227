import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";

// Route handlers cannot see the socket, so the console's own HTTP server writes the
// client's address into X-Forwarded-For. A client-sent header is believed only from a
// trusted proxy (FLEETBOOT_TRUSTED_PROXIES, CIDR list): otherwise anyone could claim to be
// on an allowed boot network.

export type CidrRange = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** "10.0.0.0/8, 192.168.1.0/24" → ranges; blank entries are ignored. */
export function parseCidrList(raw: string | undefined): CidrRange[] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => ipaddr.parseCIDR(cidr));
}

/** Whether an address (IPv4-mapped IPv6 counts as IPv4) lies in one of the ranges; false for a malformed one. */
export function inRanges(address: string, ranges: CidrRange[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  return ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match([net, bits] as never));
}

/** A node:http request's headers, read as `Headers.get` reads them (repeats joined with ","). */
export function nodeHeaders(req: IncomingMessage): Pick<Headers, "get"> {
  return {
    get: (name) => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v.join(",") : (v ?? null);
    },
  };
}

/** The address a request came from, as the console's server stamped it. */
export function sourceIpOf(headers: Pick<Headers, "get">): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim() || null;
}

const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const DOTTED_QUAD = new RegExp(`^(?:::ffff:)?(${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET})$`, "i");

/** A socket's address as the console records it: IPv4-mapped IPv6 as IPv4 ("::ffff:10.0.0.1" → "10.0.0.1"). */
export function normalizeAddress(address: string): string {
  // The form every IPv4 client has, without parsing it (a boot storm asks this per request).
  const quad = DOTTED_QUAD.exec(address);
  if (quad) return quad[1];
  return ipaddr.process(address).toString();
}

/** The address to act on: the socket's, or the nearest untrusted hop behind trusted proxies. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, proxies: CidrRange[]): string | null {
  const socket = socketAddress ? normalizeAddress(socketAddress) : null;
  if (!socket || !inRanges(socket, proxies) || !forwardedFor) return socket;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!ipaddr.isValid(hops[i])) return socket;
    if (!inRanges(hops[i], proxies)) return ipaddr.process(hops[i]).toString();
  }
  return socket;
}

export function stampClientAddress(req: IncomingMessage, proxies: CidrRange[]): void {
  const forwarded = req.headers["x-forwarded-for"];
  const address = clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, proxies);
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  delete req.headers["x-real-ip"];
}
