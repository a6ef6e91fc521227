import ipaddr from "ipaddr.js";

// The machine-facing endpoints (/api/boot/*) answer only the networks machines boot on
// (FLEETBOOT_BOOT_NETWORKS, a comma-separated CIDR list; unset = any), and each source
// address gets a bounded request rate so a looping or hostile client cannot swamp them.

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

let cached: { raw: string; ranges: Range[] } | undefined;

export function parseNetworks(raw: string): Range[] {
  return raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((cidr) => ipaddr.parseCIDR(cidr));
}

function ranges(): Range[] | null {
  const raw = process.env.FLEETBOOT_BOOT_NETWORKS ?? "";
  if (!raw.trim()) return null;
  if (cached?.raw !== raw) cached = { raw, ranges: parseNetworks(raw) };
  return cached.ranges;
}

/** The client's address: the first X-Forwarded-For hop when a proxy set it, else unknown. */
export function sourceAddress(req: Request): string | null {
  const forwarded = req.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const real = req.headers.get("x-real-ip")?.trim();
  const candidate = forwarded || real || null;
  return candidate && ipaddr.isValid(candidate) ? candidate : null;
}

export function sourceAllowed(address: string | null): boolean {
  const allowed = ranges();
  if (!allowed) return true;
  if (!address) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return allowed.some(([net, bits]) => net.kind() === ip.kind() && ip.match([net, bits] as never));
}

const buckets = new Map<string, { tokens: number; at: number }>();

/** Requests per second one source may make to a boot endpoint (FLEETBOOT_BOOT_RATE_PER_SECOND). */
export function bootRatePerSecond(): number {
  const n = Number(process.env.FLEETBOOT_BOOT_RATE_PER_SECOND);
  return Number.isFinite(n) && n > 0 ? n : 20;
}

/** Token bucket per source: `perSecond` sustained, `burst` at once. Per console process. */
export function takeRateToken(key: string, perSecond = bootRatePerSecond(), burst = perSecond * 3, now = Date.now()): boolean {
  const b = buckets.get(key) ?? { tokens: burst, at: now };
  b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
  b.at = now;
  if (buckets.size > 100_000) buckets.clear();
  if (b.tokens < 1) {
    buckets.set(key, b);
    return false;
  }
  b.tokens -= 1;
  buckets.set(key, b);
  return true;
}
