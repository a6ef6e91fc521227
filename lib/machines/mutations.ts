import { diffFields, recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, databaseConflict, fieldError, toAppError } from "@/lib/http/errors";
import { sealSecret } from "@/lib/secrets/crypto";
import { machineAddressProblem, placeInSubnet, type AddressHome } from "@/lib/subnets/ipv4";
import { freeAddresses, lockPoolAllocation, usedPoolAddresses } from "./allocate";
import { machineInclude, toMachineDto } from "./dto";
import { findMachineRow } from "./queries";
import { resolveRoleId, resolveSubnet, subnetContaining } from "./resolve";
import type { MachineCreateInput, MachineUpdateInput } from "./schema";

type Tx = Prisma.TransactionClient;
type Bmc = NonNullable<MachineCreateInput["bmc"]>;

// Unique violations name a column; say which field and value it was.
function explainConflict(err: unknown, input: { hostname?: string; ipv4?: string | null; macs?: string[] }): never {
  const target = databaseConflict(err);
  if (target === null) throw err;
  if (target.includes("hostname")) throw fieldError("hostname", `hostname ${input.hostname} is already taken`, "conflict");
  if (target.includes("ipv4")) throw fieldError("ipv4", `IP address ${input.ipv4} is already in use`, "conflict");
  if (target.includes("mac")) throw fieldError("macs", "one of the MAC addresses is already registered to another machine", "conflict");
  throw toAppError(err);
}

async function checkMacsFree(tx: Tx, macs: string[], machineId?: string) {
  const taken = await tx.interface.findFirst({
    where: { mac: { in: macs }, ...(machineId ? { machineId: { not: machineId } } : {}) },
    select: { mac: true, machine: { select: { hostname: true } } },
  });
  if (taken) throw fieldError("macs", `${taken.mac} is already registered to ${taken.machine.hostname}`, "conflict");
}

function bmcData(bmc: Bmc | null | undefined): Prisma.MachineUncheckedUpdateInput {
  if (bmc === undefined) return {};
  if (bmc === null) return { bmcType: null, bmcAddress: null, bmcPort: null, bmcUsername: null, bmcPasswordEnc: null, bmcSystemId: null, bmcTls: null };
  return {
    bmcType: bmc.type,
    bmcAddress: bmc.address,
    bmcPort: bmc.port ?? null,
    bmcUsername: bmc.username,
    bmcTls: bmc.tls ?? null,
    // An omitted password keeps the stored one (the UI never sees it to send it back).
    ...(bmc.password ? { bmcPasswordEnc: sealSecret(bmc.password) } : {}),
  };
}

/**
 * The address must be a usable host address of the machine's subnet or, with none, of the
 * subnet that holds it; an address no subnet holds is refused (as onboarding does).
 */
async function checkAddress(tx: Prisma.TransactionClient, ipv4: string, subnet: AddressHome | null | undefined) {
  const problem = machineAddressProblem(ipv4, subnet ?? (await subnetContaining(tx, ipv4)));
  if (problem) throw fieldError("ipv4", problem);
}

function auditable(input: MachineCreateInput | MachineUpdateInput) {
  const { bmc, ...rest } = input;
  return bmc === undefined ? rest : { ...rest, bmc: bmc && { type: bmc.type, address: bmc.address, port: bmc.port, username: bmc.username, tls: bmc.tls, password: bmc.password ? "(changed)" : undefined } };
}

/**
 * Runs checks that each throw a field error, and gathers their fields instead of stopping
 * at the first: a form then shows every problem at once (a taken MAC, a taken hostname and
 * a bad address come back together, not one per submit).
 */
class FieldProblems {
  private issues: { path: string; message: string; conflict: boolean }[] = [];

  async check<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      this.add(err);
      return undefined;
    }
  }

  /** Keeps a field error (validation or conflict) to say with the others; anything else is thrown on. */
  add(err: unknown): void {
    const fields = err instanceof AppError ? (err.details as { fields?: { path: string; message: string }[] } | undefined)?.fields : undefined;
    if (!(err instanceof AppError) || !fields?.length || (err.code !== "validation_failed" && err.code !== "conflict")) throw err;
    this.issues.push(...fields.map((f) => ({ ...f, conflict: err.code === "conflict" })));
  }

  get any(): boolean {
    return this.issues.length > 0;
  }

  /** One error for them all: 409 when every one is a conflict with another machine, else 400. */
  throwIfAny(): void {
    if (!this.any) return;
    const fields = this.issues.map(({ path, message }) => ({ path, message }));
    throw new AppError(this.issues.every((i) => i.conflict) ? "conflict" : "validation_failed", fields.map((f) => f.message).join("; "), { field: fields[0].path, fields });
  }
}

export async function createMachine(input: MachineCreateInput, actor: string) {
  let ipv4 = input.ipv4;
  try {
    return await db.$transaction(async (tx) => {
      const problems = new FieldProblems();
      const roleId = await problems.check(() => resolveRoleId(tx, input.role));
      // An address without a subnet joins the subnet that holds it (none named: not "none").
      const subnet = await problems.check(() => (input.subnet === undefined && ipv4 ? subnetContaining(tx, ipv4) : resolveSubnet(tx, input.subnet)));
      if (ipv4 && !problems.any) await problems.check(() => checkAddress(tx, ipv4!, subnet));
      await problems.check(() => checkMacsFree(tx, input.macs));
      if (await tx.machine.findUnique({ where: { hostname: input.hostname }, select: { id: true } })) {
        problems.add(fieldError("hostname", `hostname ${input.hostname} is already taken`, "conflict"));
      }
      const holder = ipv4 ? await tx.machine.findFirst({ where: { ipv4 }, select: { hostname: true } }) : null;
      if (holder) problems.add(fieldError("ipv4", `IP address ${ipv4} is already in use by ${holder.hostname}`, "conflict"));
      problems.throwIfAny();
      if (!ipv4 && subnet) {
        await lockPoolAllocation(tx);
        [ipv4] = freeAddresses(subnet, await usedPoolAddresses(tx, subnet), 1);
        if (!ipv4) throw fieldError("ipv4", `subnet ${subnet.name} has no free address in its pool; give one or widen the pool`);
      }
      const machine = await tx.machine.create({
        data: {
          ...(bmcData(input.bmc) as Prisma.MachineUncheckedCreateInput),
          hostname: input.hostname,
          roleId: roleId ?? null,
          subnetId: subnet?.id ?? null,
          ipv4: ipv4 ?? null,
          rack: input.rack ?? null,
          tags: input.tags ?? [],
          notes: input.notes ?? "",
          maintenance: input.maintenance ?? false,
          interfaces: { create: input.macs.map((mac, i) => ({ mac, isBoot: i === 0 })) },
        },
        include: machineInclude,
      });
      await tx.event.create({ data: { kind: "machine.created", machineId: machine.id, payload: { hostname: machine.hostname, actor } } });
      await recordAudit(tx, { actor, action: "machine.create", targetType: "machine", targetId: machine.id, changes: { ...auditable(input), ipv4 } as never });
      return toMachineDto(machine);
    });
  } catch (err) {
    explainConflict(err, { ...input, ipv4 });
  }
}

export async function updateMachine(ref: string, input: MachineUpdateInput, actor: string) {
  const before = await findMachineRow(ref);
  if (!before) throw new AppError("not_found", `no machine "${ref}"`);
  try {
    return await db.$transaction(async (tx) => {
      const roleId = await resolveRoleId(tx, input.role);
      const ipv4 = input.ipv4 === undefined ? before.ipv4 : input.ipv4;
      // undefined: the subnet stays. A new address that its subnet does not hold, with no
      // subnet named, moves the machine to the subnet that holds it (or none), as creating it would.
      let newSubnet: Awaited<ReturnType<typeof resolveSubnet>>;
      if (input.subnet !== undefined) newSubnet = await resolveSubnet(tx, input.subnet);
      else if (input.ipv4 && !(before.subnet && placeInSubnet(input.ipv4, before.subnet.cidr) !== "outside")) newSubnet = await subnetContaining(tx, input.ipv4);
      const subnet = newSubnet === undefined ? before.subnet : newSubnet;
      // Checked when the address or subnet changes: a machine saved before this check with
      // an address no subnet holds can still have its other fields edited.
      if (ipv4 && (input.ipv4 !== undefined || input.subnet !== undefined)) await checkAddress(tx, ipv4, subnet);
      if (input.macs) {
        if (input.macs.length === 0) throw fieldError("macs", "at least one MAC address is needed to boot");
        await checkMacsFree(tx, input.macs, before.id);
        await tx.interface.deleteMany({ where: { machineId: before.id, mac: { notIn: input.macs } } });
        const kept = new Set(before.interfaces.map((i) => i.mac));
        await tx.interface.createMany({ data: input.macs.filter((m) => !kept.has(m)).map((mac) => ({ machineId: before.id, mac, isBoot: false })) });
        // The boot interface stays when its MAC does; otherwise the first MAC listed boots, as on create.
        const bootKept = before.interfaces.some((i) => i.isBoot && input.macs!.includes(i.mac));
        if (!bootKept) await tx.interface.update({ where: { mac: input.macs[0] }, data: { isBoot: true } });
      }
      const machine = await tx.machine.update({
        where: { id: before.id },
        data: {
          hostname: input.hostname,
          roleId,
          subnetId: newSubnet === undefined ? undefined : (newSubnet?.id ?? null),
          ipv4: input.ipv4,
          rack: input.rack,
          tags: input.tags,
          notes: input.notes === null ? "" : input.notes,
          maintenance: input.maintenance,
          ...bmcData(input.bmc),
        },
        include: machineInclude,
      });
      const changes = diffFields(toMachineDto(before) as Record<string, unknown>, { ...auditable(input), role: input.role, subnet: newSubnet === undefined ? undefined : (newSubnet?.name ?? null) });
      await recordAudit(tx, { actor, action: "machine.update", targetType: "machine", targetId: machine.id, changes: changes as never });
      if (input.maintenance !== undefined && input.maintenance !== before.maintenance) {
        await tx.event.create({ data: { kind: input.maintenance ? "machine.maintenance_on" : "machine.maintenance_off", machineId: machine.id, payload: { actor } } });
      }
      return toMachineDto(machine);
    });
  } catch (err) {
    explainConflict(err, { hostname: input.hostname, ipv4: input.ipv4 });
  }
}

export async function deleteMachine(ref: string, actor: string) {
  const machine = await findMachineRow(ref);
  if (!machine) throw new AppError("not_found", `no machine "${ref}"`);
  await db.$transaction(async (tx) => {
    await tx.machine.delete({ where: { id: machine.id } });
    await tx.event.create({ data: { kind: "machine.deleted", payload: { hostname: machine.hostname, macs: machine.interfaces.map((i) => i.mac), actor } } });
    await recordAudit(tx, { actor, action: "machine.delete", targetType: "machine", targetId: machine.id, changes: { hostname: machine.hostname } });
  });
}
