import { db } from "@/lib/db";
import type { Subnet } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { refWhere } from "@/lib/http/ref";
import { countAddresses } from "./ipv4";

interface Usage {
  machineCount: number;
  poolUsed: number;
  poolSize: number | null;
}

// Pool usage counts machine addresses, whatever subnet the machine is filed under: an
// address that is taken is taken. The unique index on machines.ipv4 serves the range.
async function usageOf(ids: string[]): Promise<Map<string, Omit<Usage, "poolSize">>> {
  if (ids.length === 0) return new Map();
  const [machines, pools] = await Promise.all([
    db.machine.groupBy({ by: ["subnetId"], where: { subnetId: { in: ids } }, _count: { _all: true } }),
    db.$queryRaw<{ id: string; used: number }[]>`
      SELECT s.id, count(m.id)::int AS used
      FROM subnets s JOIN machines m ON m.ipv4 BETWEEN s.pool_start AND s.pool_end
      WHERE s.id = ANY(${ids}::uuid[])
      GROUP BY s.id`,
  ]);
  const out = new Map(ids.map((id) => [id, { machineCount: 0, poolUsed: 0 }]));
  for (const m of machines) if (m.subnetId) out.get(m.subnetId)!.machineCount = m._count._all;
  for (const p of pools) out.get(p.id)!.poolUsed = p.used;
  return out;
}

function withUsage(subnet: Subnet, usage: Map<string, Omit<Usage, "poolSize">>) {
  const poolSize = subnet.poolStart && subnet.poolEnd ? countAddresses(subnet.poolStart, subnet.poolEnd) : null;
  return { ...subnet, ...(usage.get(subnet.id) ?? { machineCount: 0, poolUsed: 0 }), poolSize };
}

export type SubnetWithUsage = Subnet & Usage;

export async function listSubnets(): Promise<SubnetWithUsage[]> {
  const subnets = await db.subnet.findMany({ orderBy: { name: "asc" } });
  const usage = await usageOf(subnets.map((s) => s.id));
  return subnets.map((s) => withUsage(s, usage));
}

export async function getSubnetOrThrow(ref: string) {
  const subnet = await db.subnet.findFirst({ where: refWhere(ref) });
  if (!subnet) throw new AppError("not_found", `no subnet "${ref}"`);
  return subnet;
}

export async function getSubnetWithUsageOrThrow(ref: string): Promise<SubnetWithUsage> {
  const subnet = await getSubnetOrThrow(ref);
  return withUsage(subnet, await usageOf([subnet.id]));
}
