import { type CidrRange, inRanges, parseCidrList } from "@/lib/http/client-address";

// The machine-facing endpoints (/api/boot/*) answer only the networks machines boot on
// (FLEETBOOT_BOOT_NETWORKS, a comma-separated CIDR list; unset = any), and each source
// address gets a bounded request rate so a looping or hostile client cannot swamp them.

let cached: { raw: string; ranges: CidrRange[] } | undefined;

function ranges(): CidrRange[] | null {
  const raw = process.env.FLEETBOOT_BOOT_NETWORKS ?? "";
  if (!raw.trim()) return null;
  if (cached?.raw !== raw) cached = { raw, ranges: parseCidrList(raw) };
  return cached.ranges;
}

export function sourceAllowed(address: string | null): boolean {
  const allowed = ranges();
  if (!allowed) return true;
  return !!address && inRanges(address, allowed);
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
