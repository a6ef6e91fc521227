import { Badge, type Tone } from "@/components/ui/badge";
import type { RolloutState, RolloutStepState } from "@/lib/generated/prisma/enums";

const ROLLOUT_TONE: Record<RolloutState, Tone> = {
  running: "blue",
  paused: "amber",
  succeeded: "green",
  failed: "red",
  cancelled: "gray",
};

const ROLLOUT_HINT: Record<RolloutState, string> = {
  running: "rebooting batches as the budget allows",
  paused: "no new reboots start; machines already rebooting are still watched",
  succeeded: "every machine came back healthy",
  failed: "finished with machines that did not come back healthy",
  cancelled: "stopped for good; machines that were rebooting finished on their own",
};

const STEP_TONE: Record<RolloutStepState, Tone> = {
  pending: "gray",
  powering: "amber",
  waiting: "blue",
  healthy: "green",
  failed: "red",
  skipped: "gray",
  cancelled: "gray",
};

const STEP_HINT: Record<RolloutStepState, string> = {
  pending: "waits for its batch",
  powering: "the power action is being sent",
  waiting: "power-cycled: waiting for it to boot, report in and deploy",
  healthy: "came back on a new boot and deployed",
  failed: "did not come back healthy in time, or its power action failed",
  skipped: "left out while the rollout ran",
  cancelled: "the rollout was cancelled before it was done",
};

/** A rollout's state in colour and in words; a running one that waits for its canary's approval says so. */
export function RolloutStateBadge({ state, title, awaitingApproval = false }: { state: RolloutState; title?: string; awaitingApproval?: boolean }) {
  if (awaitingApproval) {
    return (
      <Badge tone="amber" title="running, but the canary batch is done and nothing more starts until an operator approves">
        <span aria-hidden className="size-1.5 rounded-full bg-current" />
        awaiting approval
      </Badge>
    );
  }
  return (
    <Badge tone={ROLLOUT_TONE[state]} title={title ?? ROLLOUT_HINT[state]}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {state}
    </Badge>
  );
}

/** One machine's step in a rollout, in colour and in words. */
export function StepStateBadge({ state }: { state: RolloutStepState }) {
  return (
    <Badge tone={STEP_TONE[state]} title={STEP_HINT[state]}>
      <span aria-hidden className="size-1.5 rounded-full bg-current" />
      {state}
    </Badge>
  );
}
