import type { Prisma } from "@/lib/generated/prisma/client";
import { fieldError } from "@/lib/http/errors";
import { refWhere } from "@/lib/http/ref";

type Tx = Prisma.TransactionClient;

export async function resolveRoleId(tx: Tx, ref: string | null | undefined): Promise<string | null | undefined> {
  if (ref === undefined || ref === null) return ref;
  const role = await tx.role.findFirst({ where: refWhere(ref), select: { id: true } });
  if (!role) throw fieldError("role", `no role "${ref}"`);
  return role.id;
}

/** What placing a machine in a subnet needs: its range, gateway and pool. */
const SUBNET_FIELDS = { id: true, name: true, cidr: true, gateway: true, poolStart: true, poolEnd: true } as const;

export async function resolveSubnet(tx: Tx, ref: string | null | undefined) {
  if (ref === undefined || ref === null) return ref;
  const subnet = await tx.subnet.findFirst({ where: refWhere(ref), select: SUBNET_FIELDS });
  if (!subnet) throw fieldError("subnet", `no subnet "${ref}"`);
  return subnet;
}

/**
 * The subnet an address belongs to when none was named: the most specific one whose CIDR
 * holds it, or null. A machine whose address is in a subnet it does not know of would be
 * left out of that subnet's DHCP block.
 */
export async function subnetContaining(tx: Tx, ipv4: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM subnets WHERE ${ipv4}::inet << cidr::cidr ORDER BY masklen(cidr::cidr) DESC, name LIMIT 1`;
  if (!row) return null;
  return tx.subnet.findUniqueOrThrow({ where: { id: row.id }, select: SUBNET_FIELDS });
}
