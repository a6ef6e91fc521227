import type { Prisma } from "@/lib/generated/prisma/client";
import type { BmcType } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/http/errors";
import { isUuid, refWhere } from "@/lib/http/ref";
import { bmcAddressProblem, bmcUserProblem } from "@/lib/power/bmc-target";
import type { Selector } from "./schema";

type Client = Prisma.TransactionClient;

export interface Candidate {
  id: string;
  hostname: string;
  rack: string | null;
  roleId: string | null;
  roleName: string | null;
  bootId: string | null;
}

export interface Exclusion {
  hostname: string;
  reason: string;
}

function field(path: string, message: string) {
  return new AppError("validation_failed", `${path}: ${message}`, { fields: [{ path, message }] });
}

/**
 * The protocols a machine can be rebooted with, in the rollout's order: its own BMC, and
 * SSH to its own address when SSH is listed and the BMC is something else.
 */
export function powerMethods(m: { bmcType: BmcType | null; bmcAddress: string | null; ipv4: string | null }, order: BmcType[]): BmcType[] {
  const own = m.bmcType && m.bmcAddress ? m.bmcType : null;
  if (!order.length) return own ? [own] : [];
  return order.filter((p) => p === own || (p === "ssh" && !!m.ipv4));
}

/**
 * What the machine's own BMC lacks for a power action (lib/power/credentials.ts refuses it
 * the same way), or null: the preview leaves such a machine out instead of letting its
 * step fail when its batch starts.
 */
function bmcGap(m: { bmcType: BmcType | null; bmcAddress: string | null; bmcUsername: string | null; bmcPasswordEnc: string | null }): string | null {
  const address = m.bmcAddress ? bmcAddressProblem(m.bmcAddress) : null;
  if (address) return address;
  if (!m.bmcUsername) return "its BMC has no user name";
  const user = bmcUserProblem(m.bmcUsername);
  if (user) return `its BMC ${user}`;
  if (m.bmcType !== "ssh" && !m.bmcPasswordEnc) return "no BMC password stored";
  return null;
}

/**
 * The machines a selector names (all conditions hold), split into those the rollout can
 * reboot and those it leaves out with a reason. Names that match no machine are an error:
 * a typo must not silently shrink a rollout.
 */
export async function resolveSelection(client: Client, selector: Selector, powerOrder: BmcType[]) {
  const where: Prisma.MachineWhereInput[] = [];
  // Names are accepted wherever an id is, and ids wherever a name is.
  if (selector.role) {
    const role = await client.role.findFirst({ where: refWhere(selector.role), select: { id: true } });
    if (!role) throw field("selector.role", `no role "${selector.role}"`);
    where.push({ roleId: role.id });
  }
  if (selector.rack) where.push({ rack: selector.rack });
  if (selector.tag) where.push({ tags: { has: selector.tag } });
  if (selector.machines?.length) {
    const wanted = [...new Set(selector.machines)];
    const ids = wanted.filter(isUuid).map((id) => id.toLowerCase());
    const names = wanted.filter((w) => !isUuid(w));
    const found = await client.machine.findMany({ where: { OR: [{ hostname: { in: names } }, { id: { in: ids } }] }, select: { id: true, hostname: true } });
    const known = new Set(found.flatMap((f) => [f.hostname, f.id]));
    const unknown = wanted.filter((h) => !known.has(isUuid(h) ? h.toLowerCase() : h));
    if (unknown.length) throw field("selector.machines", `no machine named ${unknown.slice(0, 10).join(", ")}${unknown.length > 10 ? ` and ${unknown.length - 10} more` : ""}`);
    where.push({ id: { in: found.map((f) => f.id) } });
  }
  const rows = await client.machine.findMany({
    where: { AND: where },
    select: {
      id: true, hostname: true, rack: true, roleId: true, maintenance: true, bmcType: true, bmcAddress: true, bmcUsername: true, bmcPasswordEnc: true, ipv4: true, bootId: true,
      role: { select: { name: true } },
      rolloutSteps: { where: { active: true }, select: { rollout: { select: { id: true, name: true } } }, take: 1 },
    },
    orderBy: { hostname: "asc" },
  });
  if (!rows.length) throw field("selector", "matches no machine");
  const included: Candidate[] = [];
  const excluded: Exclusion[] = [];
  for (const m of rows) {
    const busy = m.rolloutSteps[0]?.rollout;
    if (m.maintenance) excluded.push({ hostname: m.hostname, reason: "in maintenance" });
    else if (busy) excluded.push({ hostname: m.hostname, reason: `already in rollout ${busy.name || busy.id.slice(0, 8)}` });
    else if (!powerMethods(m, powerOrder).filter((p) => p !== m.bmcType || !bmcGap(m)).length) {
      const gap = m.bmcType && m.bmcAddress ? bmcGap(m) : "no BMC configured";
      excluded.push({
        hostname: m.hostname,
        reason: powerOrder.length ? `no power driver among ${powerOrder.join(", ")}${gap ? ` (${gap})` : ""}` : `no power driver: ${gap}`,
      });
    } else included.push({ id: m.id, hostname: m.hostname, rack: m.rack, roleId: m.roleId, roleName: m.role?.name ?? null, bootId: m.bootId });
  }
  return { included, excluded };
}
