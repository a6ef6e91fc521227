import type { Prisma } from "@/lib/generated/prisma/client";
import { ipToNumber, numberToIp } from "@/lib/subnets/ipv4";

type Tx = Prisma.TransactionClient;

export interface SubnetRange {
  cidr: string;
  poolStart: string | null;
  poolEnd: string | null;
}

/** Free addresses of the subnet's pool, in order, skipping those in `used` and `taken`. */
export function freeAddresses(subnet: SubnetRange, used: Set<string>, count: number): string[] {
  if (!subnet.poolStart || !subnet.poolEnd) return [];
  const out: string[] = [];
  for (let n = ipToNumber(subnet.poolStart), end = ipToNumber(subnet.poolEnd); n <= end && out.length < count; n++) {
    const ip = numberToIp(n);
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
