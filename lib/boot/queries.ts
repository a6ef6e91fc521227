import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pool";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/http/ref";
import { normaliseMac } from "@/lib/mac/parse";
import type { BootMirror, BootTarget } from "./plan";

interface TargetRow {
  id: string;
  hostname: string;
  mac: string;
  iface: string | null;
  ipv4: string | null;
  state: string;
  maintenance: boolean;
  subnet_name: string | null;
  cidr: string | null;
  gateway: string | null;
  dns: string[] | null;
  role_name: string | null;
  kernel_args: string | null;
  version_id: string | null;
  image_name: string | null;
  version: string | null;
  version_status: string | null;
  kernel_path: string | null;
  initrd_path: string | null;
  squashfs_path: string | null;
  last_attempt: number | null;
}

// One round trip for everything the script depends on. The role's desired version is
// read on every request (never cached), so a changed role takes effect on the next boot.
// The last attempt number only counts for machines still "booting", i.e. whose previous
// boot never reported in. It is kept on the machine row rather than looked up among the
// machine's recent events: that subquery's plan depended on the events table's
// statistics, and a plan made while the table was small walked every event once it grew.
const TARGET_SELECT = `
    SELECT m.id, m.hostname, i.mac, i.name AS iface, host(m.ipv4) AS ipv4, m.state::text AS state, m.maintenance,
           s.name AS subnet_name, s.cidr, host(s.gateway) AS gateway, s.dns,
           r.name AS role_name, r.kernel_args,
           v.id AS version_id, img.name AS image_name, v.version, v.status::text AS version_status,
           v.kernel_path, v.initrd_path, v.squashfs_path,
           CASE WHEN m.state = 'booting' THEN m.boot_attempt END AS last_attempt
    FROM interfaces i
    JOIN machines m ON m.id = i.machine_id
    LEFT JOIN subnets s ON s.id = m.subnet_id
    LEFT JOIN roles r ON r.id = m.role_id
    LEFT JOIN image_versions v ON v.id = r.desired_version_id
    LEFT JOIN images img ON img.id = v.image_id`;

// The boot storm's read: a named prepared statement on the plain pool (lib/db/pool.ts),
// planned once per connection rather than once per batch. Constant text, one parameter.
const BOOT_TARGETS = { name: "fleetboot_boot_targets", text: `${TARGET_SELECT}\n    WHERE i.mac = ANY($1::text[])` };

function toTarget(r: TargetRow): BootTarget {
  return {
    machineId: r.id,
    hostname: r.hostname,
    mac: r.mac,
    iface: r.iface,
    ipv4: r.ipv4,
    state: r.state,
    maintenance: r.maintenance,
    subnet: r.cidr ? { name: r.subnet_name ?? "", cidr: r.cidr, gateway: r.gateway, dns: r.dns ?? [] } : null,
    role: r.role_name ? { name: r.role_name, kernelArgs: r.kernel_args ?? "" } : null,
    version: r.version_id
      ? {
          id: r.version_id,
          image: r.image_name ?? "",
          version: r.version ?? "",
          status: r.version_status ?? "",
          kernelPath: r.kernel_path ?? "",
          initrdPath: r.initrd_path ?? "",
          squashfsPath: r.squashfs_path ?? "",
        }
      : null,
    lastAttempt: r.last_attempt,
  };
}

/** The registered machines that own these (normalised) MACs, by MAC; unknown MACs are absent. */
export async function findBootTargets(macs: string[]): Promise<Map<string, BootTarget>> {
  const { rows } = await pgPool().query<TargetRow>({ ...BOOT_TARGETS, values: [macs] });
  return new Map(rows.map((r) => [r.mac, toTarget(r)]));
}

/**
 * A machine by id or hostname, seen through its boot interface, or by one of its MACs in
 * any notation, seen through that interface (for the preview page: "what will this MAC
 * boot"). A hostname wins over a MAC spelled the same (aabbccddeeff is both).
 */
export async function findBootTargetByRef(ref: string): Promise<BootTarget | null> {
  const where = isUuid(ref) ? Prisma.sql`m.id = ${ref.toLowerCase()}::uuid` : Prisma.sql`m.hostname = ${ref.toLowerCase()}`;
  const rows = await db.$queryRaw<TargetRow[]>(Prisma.sql`${Prisma.raw(TARGET_SELECT)} WHERE ${where} ORDER BY i.is_boot DESC, i.mac LIMIT 1`);
  if (rows[0]) return toTarget(rows[0]);
  const mac = normaliseMac(ref);
  if (!mac) return null;
  const byMac = await db.$queryRaw<TargetRow[]>(Prisma.sql`${Prisma.raw(TARGET_SELECT)} WHERE i.mac = ${mac} LIMIT 1`);
  return byMac[0] ? toTarget(byMac[0]) : null;
}

export function listEnabledMirrors(): Promise<BootMirror[]> {
  return db.$queryRaw<BootMirror[]>`
    SELECT id, name, base_url AS "baseUrl", weight FROM mirrors WHERE enabled ORDER BY name`;
}

/** Every mirror, for the preview's "why not this one" list. */
export function listAllMirrors() {
  return db.mirror.findMany({ select: { id: true, name: true, baseUrl: true, weight: true, enabled: true }, orderBy: { name: "asc" } });
}
