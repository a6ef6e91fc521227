import { diffFields, recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, databaseConflict, fieldError } from "@/lib/http/errors";
import { checkSubnetLayout } from "./ipv4";
import { getSubnetOrThrow } from "./queries";
import { mergeLayout, type SubnetCreateInput, type SubnetUpdateInput } from "./schema";

type Tx = Prisma.TransactionClient;

// FOR UPDATE conflicts with the FOR KEY SHARE lock that inserting a machine takes on its
// subnet row, so no machine can join the subnet between our check and our write.
async function lockSubnet(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT 1 FROM subnets WHERE id = ${id}::uuid FOR UPDATE`;
  return tx.subnet.findUniqueOrThrow({ where: { id } });
}

// dhcpd and Kea refuse a configuration whose subnets overlap, so neither do we. Writers
// that set a network take one transaction-scoped advisory lock first, so two overlapping
// subnets sent at the same moment cannot both pass the check.
const NETWORK_LOCK = 0x6662_736e; // "fbsn"

async function refuseOverlap(tx: Tx, cidr: string, exceptId: string | null) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${NETWORK_LOCK}::bigint)`;
  const [other] = await tx.$queryRaw<{ name: string; cidr: string }[]>`
    SELECT name, cidr FROM subnets
    WHERE cidr::cidr && ${cidr}::cidr AND (${exceptId}::uuid IS NULL OR id <> ${exceptId}::uuid)
    LIMIT 1`;
  if (other) {
    const message = `${cidr} overlaps subnet ${other.name} (${other.cidr})`;
    throw new AppError("conflict", message, { field: "cidr", fields: [{ path: "cidr", message }], subnet: other.name });
  }
}

async function refuseStrandedMachines(tx: Tx, id: string, cidr: string) {
  const rows = await tx.$queryRaw<{ hostname: string; ip: string; total: number }[]>`
    SELECT hostname, host(ipv4) AS ip, (count(*) OVER ())::int AS total FROM machines
    WHERE subnet_id = ${id}::uuid AND ipv4 IS NOT NULL AND NOT (ipv4 <<= ${cidr}::cidr)
    ORDER BY hostname LIMIT 1`;
  const first = rows[0];
  if (!first) return;
  const more = first.total > 1 ? ` and ${first.total - 1} more machine${first.total === 2 ? "" : "s"}` : "";
  throw new AppError(
    "conflict",
    `machine ${first.hostname} (${first.ip})${more} would fall outside ${cidr}; readdress or move them first`,
    { field: "cidr", machine: first.hostname, ip: first.ip, count: first.total },
  );
}

/** The one unique column a caller can hit is the name: say so as roles and images do. */
function explainConflict(err: unknown, name: string | undefined): never {
  if (databaseConflict(err) === null) throw err;
  throw fieldError("name", `a subnet named ${name} already exists`, "conflict");
}

export async function createSubnet(input: SubnetCreateInput, actor: string) {
  return db
    .$transaction(async (tx) => {
      await refuseOverlap(tx, input.cidr, null);
      const subnet = await tx.subnet.create({ data: input });
      await recordAudit(tx, { actor, action: "subnet.create", targetType: "subnet", targetId: subnet.id, changes: input });
      return subnet;
    })
    .catch((err: unknown) => explainConflict(err, input.name));
}

export async function updateSubnet(ref: string, input: SubnetUpdateInput, actor: string) {
  const { id } = await getSubnetOrThrow(ref);
  return db
    .$transaction(async (tx) => {
      const before = await lockSubnet(tx, id);
      const issues = checkSubnetLayout(mergeLayout(before, input));
      if (issues.length > 0) {
        throw new AppError("validation_failed", `${issues[0].path}: ${issues[0].message}`, { fields: issues });
      }
      if (input.cidr && input.cidr !== before.cidr) {
        await refuseOverlap(tx, input.cidr, id);
        await refuseStrandedMachines(tx, id, input.cidr);
      }
      const subnet = await tx.subnet.update({ where: { id }, data: input });
      await recordAudit(tx, {
        actor,
        action: "subnet.update",
        targetType: "subnet",
        targetId: id,
        changes: diffFields(before, input) as never,
      });
      return subnet;
    })
    .catch((err: unknown) => explainConflict(err, input.name));
}

export async function deleteSubnet(ref: string, actor: string) {
  const { id } = await getSubnetOrThrow(ref);
  return db.$transaction(async (tx) => {
    const subnet = await lockSubnet(tx, id);
    const machines = await tx.machine.count({ where: { subnetId: id } });
    if (machines > 0) {
      throw new AppError(
        "conflict",
        `subnet ${subnet.name} still has ${machines} machine${machines === 1 ? "" : "s"}; move or delete them first`,
        { machines },
      );
    }
    await tx.subnet.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "subnet.delete", targetType: "subnet", targetId: id, changes: { name: subnet.name, cidr: subnet.cidr } });
    return subnet;
  });
}
