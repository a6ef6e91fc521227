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

// Machines created one by one and imports take the same transaction-scoped advisory lock
// before they pick pool addresses (and an import before it validates), so that two
// writers at once never pick the same free address: the second waits, then sees the
// first one's machines.
const POOL_LOCK = 0x6662_696d; // "fbim"

/** Waits for any other writer that picks pool addresses or imports machines to commit. */
export async function lockPoolAllocation(tx: Tx): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${POOL_LOCK}::bigint)`;
}

/** Addresses already given to machines inside the subnet's pool. */
export async function usedPoolAddresses(tx: Tx, subnet: SubnetRange): Promise<Set<string>> {
  if (!subnet.poolStart || !subnet.poolEnd) return new Set();
  const rows = await tx.$queryRaw<{ ip: string }[]>`
    SELECT host(ipv4) AS ip FROM machines
    WHERE ipv4 BETWEEN ${subnet.poolStart}::inet AND ${subnet.poolEnd}::inet`;
  return new Set(rows.map((r) => r.ip));
}
