// A canary rollout holds its later batches until an operator approves (the scheduler
// writes this as the rollout's wait reason once the canary batch is done).
export const CANARY_WAIT = "The canary batch is done: waiting for an operator to approve the rest.";

/** Whether a running rollout stands still until someone approves its canary. */
export function awaitingApproval(r: { state: string; canary: boolean; canaryApprovedAt: Date | null; waitReason: string | null }): boolean {
  return r.state === "running" && r.canary && !r.canaryApprovedAt && r.waitReason === CANARY_WAIT;
}
