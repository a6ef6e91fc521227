"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";
import type { RolloutState } from "@/lib/generated/prisma/enums";

type Command = "pause" | "resume" | "cancel" | "approve";

/**
 * Steering a rollout: Pause or Resume, Approve canary while it waits for one (after a
 * confirmation when canary machines failed), and Cancel after a confirmation. The server
 * checks the operator role and makes each idempotent.
 */
export function RolloutControls({
  state,
  awaitsApproval,
  canaryDone = true,
  canaryFailed = 0,
  failed,
  action,
}: {
  state: RolloutState;
  awaitsApproval: boolean;
  /** The canary batch has run to its end; before that, approving skips looking at it. */
  canaryDone?: boolean;
  /** Machines of the canary batch that failed. */
  canaryFailed?: number;
  /** Failed machines: a paused rollout can retry them. */
  failed: number;
  action: (command: Command, retryFailed?: boolean) => Promise<{ error: string } | undefined>;
}) {
  const [confirming, setConfirming] = useState<"cancel" | "approve" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  if (state !== "running" && state !== "paused") return null;

  const run = (command: Command, retryFailed = false) =>
    start(async () => {
      const refused = await action(command, retryFailed);
      setError(refused?.error ?? null);
      if (command === "cancel" || command === "approve") setConfirming(null);
    });

  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {error ? (
        <span role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
      {confirming === "cancel" ? (
        <ConfirmInline
          question="Cancel this rollout? Machines rebooting now finish on their own; no others are rebooted."
          confirm="Cancel rollout"
          pendingLabel="Cancelling…"
          back="Keep it"
          pending={pending}
          onConfirm={() => run("cancel")}
          onBack={() => setConfirming(null)}
        />
      ) : confirming === "approve" ? (
        <ConfirmInline
          question={
            !canaryDone
              ? "The canary batch is still rebooting. Approve now, and the next batches start as soon as it is healthy, with no one looking at it first?"
              : `${canaryFailed === 1 ? "1 canary machine failed." : `${canaryFailed} canary machines failed.`} Approve anyway? The next batches start once the rollout runs.`
          }
          confirm={!canaryDone ? "Approve in advance" : "Approve anyway"}
          pendingLabel="Approving…"
          back="Keep waiting"
          pending={pending}
          onConfirm={() => run("approve")}
          onBack={() => setConfirming(null)}
        />
      ) : (
        <>
          {awaitsApproval ? (
            <Button
              variant={canaryFailed || !canaryDone ? "secondary" : undefined}
              disabled={pending}
              onClick={() => (canaryFailed || !canaryDone ? setConfirming("approve") : run("approve"))}
              title={
                !canaryDone
                  ? "The canary batch is still rebooting: approving now lets the next batches start as soon as it is healthy"
                  : canaryFailed
                    ? "Some canary machines failed: look at why before letting the next batches start"
                    : "Let the batches after the canary start"
              }
            >
              {!canaryDone ? "Approve in advance…" : canaryFailed ? "Approve canary…" : "Approve canary"}
            </Button>
          ) : null}
          {state === "running" ? (
            <Button variant="secondary" disabled={pending} onClick={() => run("pause")} title="Start no new reboots; machines rebooting now are still watched">
              Pause
            </Button>
          ) : (
            <>
              {failed ? (
                <Button variant="secondary" disabled={pending} onClick={() => run("resume", true)} title="Power-cycle the failed machines once more, then go on">
                  Retry failed and resume
                </Button>
              ) : null}
              <Button disabled={pending} onClick={() => run("resume")} title={failed ? "Go on with the next machines, accepting the failures so far" : "Go on with the next machines"}>
                Resume
              </Button>
            </>
          )}
          <Button variant="secondary" disabled={pending} onClick={() => setConfirming("cancel")}>
            Cancel…
          </Button>
        </>
      )}
    </span>
  );
}
