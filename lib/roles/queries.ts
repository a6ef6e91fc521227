import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { refWhere } from "@/lib/http/ref";
import { roleInclude, toRoleDto, versionLabel, type RoleMachineCounts } from "./dto";

type Client = Prisma.TransactionClient | typeof db;

async function machineCounts(roleIds: string[]): Promise<Map<string, RoleMachineCounts>> {
  const groups = await db.machine.groupBy({ by: ["roleId", "state"], where: { roleId: { in: roleIds } }, _count: { _all: true } });
  const out = new Map<string, RoleMachineCounts>();
  for (const g of groups) {
    const counts = out.get(g.roleId!) ?? { total: 0, byState: {} };
    counts.total += g._count._all;
    counts.byState[g.state] = g._count._all;
    out.set(g.roleId!, counts);
  }
  return out;
}

export async function listRoles() {
  const roles = await db.role.findMany({ include: roleInclude, orderBy: { name: "asc" } });
  const counts = await machineCounts(roles.map((r) => r.id));
  return roles.map((r) => toRoleDto(r, counts.get(r.id)));
}

/** A role by id or name (names are stored lower-case). */
export async function getRoleRowOrThrow(ref: string, client: Client = db) {
  const role = await client.role.findFirst({ where: refWhere(ref), include: roleInclude });
  if (!role) throw new AppError("not_found", `no role "${ref}"`);
  return role;
}

/**
 * An API filter's role (a name or an id) as the name the queries filter on; "-" (no role)
 * and no filter pass through. An unknown role is a 404, as an unknown machine is.
 */
export async function resolveRoleFilter(ref: string | undefined): Promise<string | undefined> {
  if (!ref || ref === "-") return ref;
  return (await getRoleRowOrThrow(ref)).name;
}

export async function getRoleOrThrow(ref: string) {
  const role = await getRoleRowOrThrow(ref);
  return toRoleDto(role, (await machineCounts([role.id])).get(role.id));
}

/** A role's machines in hostname order, for its page; `total` says how many there are in all. */
export async function listRoleMachines(roleId: string, take = 500) {
  const [rows, total] = await Promise.all([
    db.machine.findMany({
      where: { roleId },
      select: {
        id: true,
        hostname: true,
        ipv4: true,
        rack: true,
        state: true,
        maintenance: true,
        bootedVersion: { select: { version: true, image: { select: { name: true } } } },
      },
      orderBy: { hostname: "asc" },
      take,
    }),
    db.machine.count({ where: { roleId } }),
  ]);
  return { total, items: rows.map(({ bootedVersion, ...m }) => ({ ...m, bootedVersion: versionLabel(bootedVersion) })) };
}
