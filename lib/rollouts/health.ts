import { db } from "@/lib/db";

// Judging a rollout step from evidence: has the machine booted again since the power
// action (a new boot id), reported in, deployed, and stayed healthy long enough? Used by
// the scheduler (lib/rollouts/scheduler.ts) on every pass over its waiting steps.

/** The note of a step whose power action a dead console may or may not have sent. */
export const ORPHAN_NOTE = "the console stopped before this power action's result was written: waiting for the machine to boot; it is not power-cycled again";

export interface WaitingRow {
  id: string;
  hostname: string;
  boot_id_before: string | null;
  boot_id: string | null;
  machine_state: string;
  booted_version_id: string | null;
  deadline_passed: boolean;
  healthy_since: Date | null;
  d_status: string | null;
  d_finished_at: Date | null;
  d_exit_code: number | null;
  held_enough: boolean;
  note: string | null;
}

export interface StepChange {
  id: string;
  state: "waiting" | "healthy" | "failed";
  note: string;
  healthySince?: Date | null;
  error?: string;
}

/** What a waiting step's evidence says. */
export function judge(row: WaitingRow, r: { healthTimeoutSeconds: number; minHealthySeconds: number; targetVersionId: string | null }): StepChange {
  const id = row.id;
  const rebooted = row.boot_id !== null && row.boot_id !== row.boot_id_before;
  const late = (what: string): StepChange => ({ id, state: "failed", note: `${what} within ${r.healthTimeoutSeconds} s`, error: `${what} within ${r.healthTimeoutSeconds} s of the power action` });
  if (!rebooted) {
    if (row.deadline_passed && row.note === ORPHAN_NOTE) {
      const why = "the console stopped before recording the power action and no new boot followed: the action was most likely never sent (not retried, to never reboot a machine twice)";
      return { id, state: "failed", note: why, error: why };
    }
    if (row.deadline_passed) return late("did not boot (no boot script fetched)");
    return { id, state: "waiting", note: row.note === ORPHAN_NOTE ? ORPHAN_NOTE : "power action sent: waiting for the machine to fetch its boot script" };
  }
  if (row.machine_state === "failed" && row.d_status !== "succeeded") {
    return { id, state: "failed", note: "the machine failed after booting (see its events)", error: "the machine failed after booting" };
  }
  switch (row.d_status) {
    case null:
      return row.deadline_passed ? late("booted but did not report in") : { id, state: "waiting", note: "booting: waiting for the machine to report in" };
    case "queued":
    case "running":
      return row.deadline_passed ? late("did not finish its deployment") : { id, state: "waiting", note: "reported in: deploying" };
    case "failed":
    case "cancelled":
      return { id, state: "failed", note: `its deployment ${row.d_status === "failed" ? `failed${row.d_exit_code !== null ? ` (exit code ${row.d_exit_code})` : ""}` : "was cancelled"}`, error: "deployment did not succeed" };
  }
  if (r.targetVersionId && row.booted_version_id !== r.targetVersionId) {
    return { id, state: "failed", note: "came back on another image version than the rollout's target", error: "booted the wrong image version" };
  }
  if (row.machine_state !== "ready") {
    return { id, state: "failed", note: `is ${row.machine_state} after a successful deployment`, error: `machine ${row.machine_state}` };
  }
  if (!row.held_enough) return { id, state: "waiting", note: `deployed: holding healthy for ${r.minHealthySeconds} s`, healthySince: row.healthy_since };
  return { id, state: "healthy", note: "healthy: booted again, reported in and deployed", healthySince: row.healthy_since };
}

export async function applyChanges(changes: StepChange[]) {
  const ids = changes.map((c) => c.id);
  const states = changes.map((c) => c.state);
  const notes = changes.map((c) => c.note);
  const since = changes.map((c) => (c.healthySince ? c.healthySince.toISOString() : null));
  const errors = changes.map((c) => c.error ?? null);
  await db.$executeRaw`
    WITH ch AS (
      SELECT * FROM unnest(${ids}::uuid[], ${states}::text[], ${notes}::text[], ${since}::text[], ${errors}::text[]) AS c(id, state, note, since, error)
    ), upd AS (
      UPDATE rollout_steps s SET
        state = ch.state::"RolloutStepState", note = ch.note, error = coalesce(ch.error, s.error),
        healthy_since = coalesce(ch.since::timestamptz, s.healthy_since),
        finished_at = CASE WHEN ch.state IN ('healthy', 'failed') THEN now() ELSE s.finished_at END
      FROM ch WHERE s.id = ch.id AND s.state = 'waiting'
      RETURNING s.machine_id, s.rollout_id, s.batch, ch.state, ch.note
    )
    INSERT INTO events (kind, machine_id, rollout_id, payload)
    SELECT 'rollout.step', u.machine_id, u.rollout_id, jsonb_build_object('hostname', m.hostname, 'batch', u.batch, 'state', u.state, 'note', u.note)
    FROM upd u JOIN machines m ON m.id = u.machine_id`;
}
