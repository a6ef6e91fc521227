import type { ReactNode } from "react";
import type { RolloutSummary } from "@/lib/rollouts/queries";
import { describeSelector } from "./describe";

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[11rem_1fr] gap-2 py-1">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

const NONE = <span className="text-zinc-500 dark:text-zinc-400">none</span>;

/** What the rollout was started with. */
export function RolloutOptions({ r }: { r: RolloutSummary }) {
  return (
    <div className="grid gap-x-10 text-sm lg:grid-cols-2">
      <dl>
        <Item label="Selection">{describeSelector(r.selector) || NONE}</Item>
        <Item label="Batch size">{r.batchPercent ? `${r.batchPercent}% of the machines` : r.batchSize ? `${r.batchSize} machine${r.batchSize === 1 ? "" : "s"}` : NONE}</Item>
        <Item label="Max unavailable">{r.maxUnavailable ? `${r.maxUnavailable} of the role at once` : <span className="text-zinc-500 dark:text-zinc-400">the batch size</span>}</Item>
        <Item label="Per rack">{r.perRack ? `at most ${r.perRack} at once` : NONE}</Item>
        <Item label="Canary">
          {r.canary ? (
            <>
              {r.canarySize} machine{r.canarySize === 1 ? "" : "s"} first, then an operator approves
              {r.canaryApprovedAt ? <> (approved by {r.canaryApprovedBy ?? "someone"})</> : null}
            </>
          ) : (
            NONE
          )}
        </Item>
      </dl>
      <dl>
        <Item label="Health timeout">{r.healthTimeoutSeconds} s to boot, report in and deploy</Item>
        <Item label="Minimum healthy">{r.minHealthySeconds ? `${r.minHealthySeconds} s` : NONE}</Item>
        <Item label="Failure threshold">
          pauses after {r.failureThreshold} failed machine{r.failureThreshold === 1 ? "" : "s"}
        </Item>
        <Item label="Maintenance window">{r.windowStart && r.windowEnd ? `${r.windowStart}–${r.windowEnd} ${r.windowTimezone}` : <span className="text-zinc-500 dark:text-zinc-400">any time</span>}</Item>
        <Item label="Power order">{r.powerOrder.length ? r.powerOrder.join(", then ") : <span className="text-zinc-500 dark:text-zinc-400">each machine&apos;s own BMC</span>}</Item>
      </dl>
    </div>
  );
}
