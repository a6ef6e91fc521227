import { createHash } from "node:crypto";

export interface OrderableMirror {
  id: string;
  weight: number;
}

/**
 * A uniform number in (0, 1) from the mirror and the MAC: the same pair always gives the
 * same number, on every console instance, so no state is needed to keep an order stable.
 */
function unitHash(mirrorId: string, mac: string): number {
  const digest = createHash("sha256").update(`${mirrorId}|${mac}`).digest();
  const high = digest.readUInt32BE(0) >>> 11; // 21 bits
  const low = digest.readUInt32BE(4); // 32 bits
  return (high * 2 ** 32 + low + 0.5) / 2 ** 53;
}

/**
 * Weighted rendezvous (highest random weight) hashing: each mirror scores
 * weight / -ln(u) for this MAC, highest first. A rack rebooting at once spreads over the
 * mirrors in proportion to their weights, and adding or disabling a mirror only moves
 * the machines that had it first. Callers pass enabled mirrors only.
 */
export function orderMirrors<M extends OrderableMirror>(mac: string, mirrors: readonly M[]): M[] {
  const scored = mirrors
    .filter((m) => m.weight > 0)
    .map((m) => ({ m, score: m.weight / -Math.log(unitHash(m.id, mac)) }));
  scored.sort((a, b) => b.score - a.score || (a.m.id < b.m.id ? -1 : 1));
  return scored.map((s) => s.m);
}

/**
 * The order for the `attempt`-th boot in a row that never reported in: rotated, so that a
 * mirror whose kernel works but whose squashfs is broken (live-boot fetches it once and
 * panics, which reboots into iPXE) is not the first choice again.
 */
export function rotate<T>(list: readonly T[], attempt: number): T[] {
  if (list.length === 0) return [];
  const k = attempt % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}
