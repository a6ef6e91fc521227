import { db } from "@/lib/db";

/**
 * Machines stuck in `rebooting` (power action sent, no boot script fetched), `booting`
 * (script served, never reported) or `deploying` past their
 * deadline become `failed`, with the reason as an event. Deadlines use the database's
 * clock. Safe to run on every console at once: rows another sweeper holds are skipped,
 * and the conditional update lets each machine fail once.
 */
export async function sweepStuckMachines(opts: { bootingSeconds: number; deployingSeconds: number }): Promise<number> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH prev AS (
      SELECT id, state FROM machines
      WHERE (state IN ('rebooting', 'booting') AND state_changed_at < now() - make_interval(secs => ${opts.bootingSeconds}::int))
         OR (state = 'deploying' AND state_changed_at < now() - make_interval(secs => ${opts.deployingSeconds}::int))
      ORDER BY id
      FOR UPDATE SKIP LOCKED
    ), upd AS (
      UPDATE machines m SET state = 'failed', state_changed_at = now(), updated_at = now()
      FROM prev WHERE m.id = prev.id AND m.state = prev.state
      RETURNING m.id, prev.state::text AS from_state
    )
    INSERT INTO events (kind, machine_id, payload)
    SELECT 'machine.timed_out', id, jsonb_build_object(
      'fromState', from_state,
      'reason', CASE from_state
                  WHEN 'rebooting' THEN 'did not fetch a boot script after its power action before the deadline'
                  WHEN 'booting' THEN 'booted no image that reported in before the deadline'
                  ELSE 'deployment did not finish before the deadline' END,
      'afterSeconds', CASE WHEN from_state = 'deploying' THEN ${opts.deployingSeconds}::int ELSE ${opts.bootingSeconds}::int END)
    FROM upd
    RETURNING machine_id::text AS id`;
  return rows.length;
}
