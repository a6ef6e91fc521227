import { diffFields, recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, fieldError } from "@/lib/http/errors";
import { resolveVersionRef } from "@/lib/images/queries";
import { roleInclude, toRoleDto, versionLabel } from "./dto";
import { getRoleOrThrow, getRoleRowOrThrow } from "./queries";
import type { RoleCreateInput, RoleUpdateInput } from "./schema";

type Tx = Prisma.TransactionClient;

async function refuseTakenName(tx: Tx, name: string) {
  if (!(await tx.role.findUnique({ where: { name }, select: { id: true } }))) return;
  throw fieldError("name", `a role named ${name} already exists`, "conflict");
}

/** The columns an input sets; the desired version is looked up inside the caller's transaction. */
async function roleData(tx: Tx, input: RoleUpdateInput) {
  const { imageVersion, deployVars, ...rest } = input;
  const data: Prisma.RoleUncheckedUpdateInput = { ...rest };
  if (deployVars !== undefined) data.deployVars = deployVars as Prisma.InputJsonObject;
  if (imageVersion !== undefined) data.desiredVersionId = imageVersion === null ? null : await resolveVersionRef(tx, imageVersion);
  return data;
}

export async function createRole(input: RoleCreateInput, actor: string) {
  const role = await db.$transaction(async (tx) => {
    await refuseTakenName(tx, input.name);
    const data = (await roleData(tx, input)) as Prisma.RoleUncheckedCreateInput;
    const created = await tx.role.create({ data, include: roleInclude });
    await recordAudit(tx, {
      actor,
      action: "role.create",
      targetType: "role",
      targetId: created.id,
      changes: { ...input, imageVersion: versionLabel(created.desiredVersion) } as Prisma.InputJsonObject,
    });
    return created;
  });
  return toRoleDto(role);
}

export async function updateRole(ref: string, input: RoleUpdateInput, actor: string) {
  const before = await getRoleRowOrThrow(ref);
  await db.$transaction(async (tx) => {
    if (input.name !== undefined && input.name !== before.name) await refuseTakenName(tx, input.name);
    const updated = await tx.role.update({ where: { id: before.id }, data: await roleData(tx, input), include: roleInclude });
    const { imageVersion: _ref, ...rest } = input;
    const changes = diffFields({ ...before, imageVersion: versionLabel(before.desiredVersion) } as Record<string, unknown>, {
      ...rest,
      ...(input.imageVersion !== undefined && { imageVersion: versionLabel(updated.desiredVersion) }),
    });
    await recordAudit(tx, { actor, action: "role.update", targetType: "role", targetId: before.id, changes: changes as never });
  });
  return getRoleOrThrow(before.id);
}

export async function deleteRole(ref: string, actor: string) {
  const role = await getRoleRowOrThrow(ref);
  await db.$transaction(async (tx) => {
    // FOR UPDATE conflicts with the FOR KEY SHARE lock that adding a machine to the role
    // takes, so no machine can join it between the check and the delete.
    await tx.$queryRaw`SELECT 1 FROM roles WHERE id = ${role.id}::uuid FOR UPDATE`;
    // One after the other: a transaction is one connection, which runs one query at a time.
    const count = await tx.machine.count({ where: { roleId: role.id } });
    const some = await tx.machine.findMany({ where: { roleId: role.id }, select: { hostname: true }, orderBy: { hostname: "asc" }, take: 3 });
    if (count > 0) {
      const list = some.map((m) => m.hostname).join(", ") + (count > some.length ? `, and ${count - some.length} more` : "");
      throw new AppError(
        "conflict",
        `role ${role.name} still has ${count} machine${count === 1 ? "" : "s"} (${list}); move them to another role or delete them first`,
        { machines: count },
      );
    }
    await tx.role.delete({ where: { id: role.id } });
    await recordAudit(tx, { actor, action: "role.delete", targetType: "role", targetId: role.id, changes: { name: role.name } });
  });
  return role;
}
