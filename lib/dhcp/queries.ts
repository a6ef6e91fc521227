import { db } from "@/lib/db";
import type { DhcpFleet, DhcpHost, DhcpSubnet } from "./model";

/**
 * Every subnet, and every machine with an address and at least one boot interface, in a
 * stable order (so that an unchanged fleet renders byte-for-byte the same text and ETag).
 * Two set-based queries, whatever the fleet size.
 */
export async function loadDhcpFleet(): Promise<DhcpFleet> {
  const [subnets, hosts] = await Promise.all([
    db.$queryRaw<DhcpSubnet[]>`
      SELECT name, cidr, host(gateway) AS gateway, dns, domain,
             host(pool_start) AS "poolStart", host(pool_end) AS "poolEnd", next_server AS "nextServer"
      FROM subnets ORDER BY cidr::cidr`,
    db.$queryRaw<DhcpHost[]>`
      SELECT m.hostname, host(m.ipv4) AS ipv4, array_agg(i.mac ORDER BY i.mac) AS macs
      FROM machines m JOIN interfaces i ON i.machine_id = m.id AND i.is_boot
      WHERE m.ipv4 IS NOT NULL
      GROUP BY m.id ORDER BY m.ipv4`,
  ]);
  return { subnets, hosts };
}

/** Machines that get no reservation: no address yet, or no boot interface. */
export async function countMachinesWithoutReservation(): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM machines m
    WHERE m.ipv4 IS NULL OR NOT EXISTS (SELECT 1 FROM interfaces i WHERE i.machine_id = m.id AND i.is_boot)`;
  return row.count;
}
