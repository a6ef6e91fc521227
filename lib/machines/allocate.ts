import ipaddr from "ipaddr.js";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

export interface SubnetRange {
  cidr: string;
  poolStart: string | null;
  poolEnd: string | null;
}

function toInt(ip: string): number {
  return ipaddr.IPv4.parse(ip).toByteArray().reduce((n, b) => n * 256 + b, 0);
}

function fromInt(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join(".");
}

/** Free addresses of the subnet's pool, in order, skipping those in `used` and `taken`. */
export function freeAddresses(subnet: SubnetRange, used: Set<string>, count: number): string[] {
  if (!subnet.poolStart || !subnet.poolEnd) return [];
  const out: string[] = [];
  for (let n = toInt(subnet.poolStart), end = toInt(subnet.poolEnd); n <= end && out.length < count; n++) {
    const ip = fromInt(n);
    if (!used.has(ip)) out.push(ip);
  }
  return out;
}

/** Addresses already given to machines inside the subnet's pool. */
export async function usedPoolAddresses(tx: Tx, subnet: SubnetRange): Promise<Set<string>> {
  if (!subnet.poolStart || !subnet.poolEnd) return new Set();
  const rows = await tx.$queryRaw<{ ip: string }[]>`
    SELECT host(ipv4) AS ip FROM machines
    WHERE ipv4 BETWEEN ${subnet.poolStart}::inet AND ${subnet.poolEnd}::inet`;
  return new Set(rows.map((r) => r.ip));
}
