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

/** The statement parameters (`$n`) that carry a step result's fields. */
export type StepParams = Record<"id" | "state" | "note" | "method" | "powered" | "error", string>;

/** A step result's values, in the order `stepParams(first)` numbers them. */
export function stepValues(step: StepResult | undefined): unknown[] {
  return [step?.id ?? null, step?.state ?? null, step?.note ?? null, step?.method ?? null, step?.powered ?? false, step?.error ?? null];
}

/** `$first` … `$first+5`, for the values of `stepValues`. */
export function stepParams(first: number): StepParams {
  const [id, state, note, method, powered, error] = Array.from({ length: 6 }, (_, i) => `$${first + i}`);
  return { id, state, note, method, powered, error };
}

/**
 * The UPDATE that writes a power action's result into its step, only while the step is
 * `powering`, returning machine_id, rollout_id and batch: a CTE of the statement that
 * writes the step's event (alone, or with the power action's own record). No step (a null
 * id) updates nothing.
 */
export function stepResultUpdate(p: StepParams): string {
  return `
    UPDATE rollout_steps SET state = (${p.state}::text)::"RolloutStepState", note = ${p.note}::text, method = ${p.method}::"BmcType",
      powered_at = CASE WHEN ${p.powered}::boolean THEN now() ELSE NULL END,
      error = ${p.error}::text, finished_at = CASE WHEN ${p.state}::text = 'failed' THEN now() ELSE NULL END
    WHERE id = ${p.id}::uuid AND state = 'powering'
    RETURNING machine_id, rollout_id, batch`;
}
