import type { Prisma } from "@/lib/generated/prisma/client";
import { refWhere } from "@/lib/http/ref";
import { usedPoolAddresses } from "@/lib/machines/allocate";
import type { Lookups } from "./lookups";
import type { World } from "./plan";

type Tx = Prisma.TransactionClient;

// One query per kind of question for the whole paste (arrays bound as one parameter),
// never one per line. Run on the import's transaction, or on the client for a preview.
// One after the other: a transaction is one connection, which runs one query at a time.

export async function loadWorld(tx: Tx, l: Lookups): Promise<World> {
  const roles = await tx.role.findMany({ select: { id: true, name: true } });
  const subnet = l.subnet
    ? await tx.subnet.findFirst({ where: refWhere(l.subnet), select: { id: true, name: true, cidr: true, gateway: true, poolStart: true, poolEnd: true } })
    : null;
  const macs = l.macs.length
    ? await tx.$queryRaw<{ mac: string; hostname: string }[]>`
        SELECT i.mac, m.hostname FROM interfaces i JOIN machines m ON m.id = i.machine_id
        WHERE i.mac = ANY(${l.macs}::text[])`
    : [];
  const names = l.hostnames.length || l.hostnamePatterns.length
    ? await tx.$queryRaw<{ hostname: string }[]>`
        SELECT hostname FROM machines WHERE hostname = ANY(${l.hostnames}::text[])
        UNION
        SELECT hostname FROM machine_names WHERE hostname LIKE ANY(${l.hostnamePatterns}::text[])`
    : [];
  const ips = l.ips.length
    ? await tx.$queryRaw<{ ip: string; hostname: string }[]>`
        SELECT host(ipv4) AS ip, hostname FROM machines WHERE ipv4 = ANY(${l.ips}::inet[])`
    : [];
  const subnets = l.ips.length ? await tx.subnet.findMany({ select: { name: true, cidr: true, gateway: true } }) : [];
  return {
    roles: new Map(roles.map((r) => [r.name, r.id])),
    subnet,
    subnets,
    subnetProblem: l.subnet && !subnet ? `no subnet "${l.subnet}"` : null,
    macOwners: new Map(macs.map((r) => [r.mac, r.hostname])),
    hostnamesTaken: new Set(names.map((r) => r.hostname)),
    ipOwners: new Map(ips.map((r) => [r.ip, r.hostname])),
    poolUsed: subnet ? await usedPoolAddresses(tx, subnet) : new Set(),
  };
}

