import { db } from "@/lib/db";
import { pgPool } from "@/lib/db/pool";
import type { BeaconQuery, BootQuery } from "./schema";

export interface ScriptServed {
  machineId: string;
  tokenHash: string;
  bootId: string;
  attempt: number;
  payload: Record<string, unknown>;
}

// The boot storm's write: a named prepared statement on the plain pool (lib/db/pool.ts).
const SCRIPTS_SERVED = {
  name: "fleetboot_scripts_served",
  text: `
    WITH input AS (
      -- The payloads come as one JSON array rather than a jsonb[]: quoting every payload
      -- as an array element cost the console more than the rest of the parameters.
      SELECT t.id, t.token_hash, t.boot_id, t.attempt, p.payload
      FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[]) WITH ORDINALITY AS t(id, token_hash, boot_id, attempt, n)
      JOIN jsonb_array_elements($5::jsonb) WITH ORDINALITY AS p(payload, n) ON p.n = t.n
    ), prev AS (
      SELECT m.id, m.state FROM machines m JOIN input ON input.id = m.id
      WHERE NOT m.maintenance ORDER BY m.id FOR UPDATE OF m
    ), upd AS (
      UPDATE machines m SET
        state = 'booting',
        state_changed_at = CASE WHEN prev.state <> 'booting' THEN now() ELSE m.state_changed_at END,
        boot_token_hash = input.token_hash,
        boot_token_issued_at = now(),
        boot_id = input.boot_id,
        boot_attempt = input.attempt,
        -- When this boot began: a machine asking again while it boots (iPXE retrying,
        -- a hold lifted) keeps it, and its row then changes no indexed column.
        last_boot_at = CASE WHEN prev.state <> 'booting' THEN now() ELSE m.last_boot_at END,
        updated_at = now()
      FROM prev JOIN input ON input.id = prev.id
      WHERE m.id = prev.id
      RETURNING m.id, prev.state::text AS from_state, input.payload
    ), ev AS (
      INSERT INTO events (kind, machine_id, payload)
      SELECT 'boot.script_served', upd.id, upd.payload || jsonb_build_object('fromState', upd.from_state) FROM upd ORDER BY upd.id
      RETURNING machine_id
    )
    SELECT machine_id::text AS id FROM ev`,
};

/**
 * For a batch of scripts (one per machine): rotates each machine's boot token, moves it to
 * `booting` and appends its boot.script_served event, in one statement, so one commit.
 * Rows are locked in id order so that concurrent batches cannot deadlock, and the state
 * recorded as `fromState` is the one actually replaced. Returns the ids updated: a machine
 * that went into maintenance (or away) since it was read is left out.
 */
export async function recordScriptsServed(served: ScriptServed[]): Promise<Set<string>> {
  if (served.length === 0) return new Set();
  const values = [served.map((s) => s.machineId), served.map((s) => s.tokenHash), served.map((s) => s.bootId), served.map((s) => s.attempt), JSON.stringify(served.map((s) => s.payload))];
  const { rows } = await pgPool().query<{ id: string }>({ ...SCRIPTS_SERVED, values });
  return new Set(rows.map((r) => r.id));
}

export interface UnknownMacSighting extends Omit<BootQuery, "mac"> {
  mac: string;
  sourceIp: string | null;
  userAgent: string | null;
  /** Requests for this MAC answered in this batch. */
  requests: number;
}

/**
 * The unknown-MAC inbox: one upsert for the batch (one row per MAC), plus a
 * boot.unknown_mac event the first time a MAC is seen (xmax = 0 only for a freshly
 * inserted row). Fields iPXE did not send keep what an earlier request told us.
 */
export async function recordUnknownMacs(sightings: UnknownMacSighting[]): Promise<void> {
  if (sightings.length === 0) return;
  const col = <K extends keyof UnknownMacSighting>(k: K) => sightings.map((s) => s[k]);
  await db.$executeRaw`
    WITH input AS (
      SELECT * FROM unnest(${col("mac")}::text[], ${col("sourceIp")}::text[], ${col("uuid")}::text[], ${col("serial")}::text[],
                           ${col("arch")}::text[], ${col("platform")}::text[], ${col("userAgent")}::text[], ${col("requests")}::int[])
        AS t(mac, source_ip, uuid, serial, arch, platform, user_agent, requests)
    ), up AS (
      INSERT INTO unknown_macs AS u (mac, source_ip, uuid, serial, arch, platform, user_agent, request_count)
      SELECT mac, source_ip, uuid, serial, arch, platform, user_agent, requests FROM input ORDER BY mac
      ON CONFLICT (mac) DO UPDATE SET
        last_seen_at = now(),
        request_count = u.request_count + EXCLUDED.request_count,
        source_ip = COALESCE(EXCLUDED.source_ip, u.source_ip),
        uuid = COALESCE(EXCLUDED.uuid, u.uuid),
        serial = COALESCE(EXCLUDED.serial, u.serial),
        arch = COALESCE(EXCLUDED.arch, u.arch),
        platform = COALESCE(EXCLUDED.platform, u.platform),
        user_agent = COALESCE(EXCLUDED.user_agent, u.user_agent)
      RETURNING u.mac, u.source_ip, u.arch, u.platform, (xmax = 0) AS inserted
    )
    INSERT INTO events (kind, payload)
    SELECT 'boot.unknown_mac', jsonb_build_object('mac', mac, 'sourceIp', source_ip, 'arch', arch, 'platform', platform)
    FROM up WHERE inserted ORDER BY mac`;
}

const BEACON_KIND = { kernel: "boot.kernel_started", failed: "boot.failed" } as const;

/**
 * A beacon counts only for the machine's current boot: a replayed or stale beacon (an
 * older boot id) records nothing.
 */
export async function recordBeacon(b: BeaconQuery, sourceIp: string | null): Promise<boolean> {
  const payload = JSON.stringify({ bootId: b.boot, mirror: b.mirror ?? null, sourceIp });
  const count = await db.$executeRaw`
    INSERT INTO events (kind, machine_id, payload)
    SELECT ${BEACON_KIND[b.stage]}, m.id, ${payload}::jsonb
    FROM interfaces i JOIN machines m ON m.id = i.machine_id
    WHERE i.mac = ${b.mac} AND m.boot_id = ${b.boot}`;
  return count === 1;
}
