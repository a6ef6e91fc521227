import type { IncomingMessage } from "node:http";
import ipaddr from "ipaddr.js";

// Route handlers cannot see the socket, so the console's own HTTP server writes the
// client's address into X-Forwarded-For. A client-sent header is believed only from a
// trusted proxy (FLEETBOOT_TRUSTED_PROXIES, CIDR list): otherwise anyone could claim to be
// on an allowed boot network.

function trusted(address: string, ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][]): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  return ranges.some(([net, bits]) => net.kind() === ip.kind() && ip.match([net, bits] as never));
}

export function parseTrustedProxies(raw: string | undefined): [ipaddr.IPv4 | ipaddr.IPv6, number][] {
  return (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => ipaddr.parseCIDR(cidr));
}

/** The address to act on: the socket's, or the nearest untrusted hop behind trusted proxies. */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, proxies: [ipaddr.IPv4 | ipaddr.IPv6, number][]): string | null {
  const socket = socketAddress ? ipaddr.process(socketAddress).toString() : null;
  if (!socket || !trusted(socket, proxies) || !forwardedFor) return socket;
  const hops = forwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!ipaddr.isValid(hops[i])) return socket;
    if (!trusted(hops[i], proxies)) return ipaddr.process(hops[i]).toString();
  }
  return socket;
}

export function stampClientAddress(req: IncomingMessage, proxies: [ipaddr.IPv4 | ipaddr.IPv6, number][]): void {
  const forwarded = req.headers["x-forwarded-for"];
  const address = clientAddress(req.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, proxies);
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
  delete req.headers["x-real-ip"];
}
