import { Prisma } from "@/lib/generated/prisma/client";
import type { BmcType } from "@/lib/generated/prisma/enums";

/** What a step's power action came to: it waits for the machine, or it failed. */
export interface StepResult {
  id: string;
  state: "waiting" | "failed";
  note: string;
  /** The action certainly reached the BMC (powered_at is set). */
  powered: boolean;
  method: BmcType | null;
  error?: string;
}

/**
 * The UPDATE that writes a power action's result into its step, only while the step is
 * `powering`, returning machine_id, rollout_id and batch: a CTE of the statement that
 * writes the step's event (alone, or with the power action's own record).
 */
export function stepResultUpdate(step: StepResult): Prisma.Sql {
  return Prisma.sql`
    UPDATE rollout_steps SET state = ${step.state}::"RolloutStepState", note = ${step.note}, method = ${step.method}::"BmcType",
      powered_at = CASE WHEN ${step.powered} THEN now() ELSE NULL END,
      error = ${step.error ?? null}, finished_at = CASE WHEN ${step.state} = 'failed' THEN now() ELSE NULL END
    WHERE id = ${step.id}::uuid AND state = 'powering'
    RETURNING machine_id, rollout_id, batch`;
}
