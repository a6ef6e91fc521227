import type { RolloutSummary } from "@/lib/rollouts/queries";

const TONE = {
  amber: "border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-100",
  sky: "border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950/50 dark:text-sky-100",
  red: "border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950/50 dark:text-red-100",
  green: "border-emerald-300 bg-emerald-50 text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/50 dark:text-emerald-100",
  gray: "border-zinc-300 bg-zinc-50 text-zinc-800 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-200",
} as const;

/**
 * Why the rollout is where it is, in one prominent line: paused (by whom, or which failures),
 * waiting (budget, window, canary approval), or how it ended.
 */
export function RolloutBanner({ r }: { r: RolloutSummary }) {
  let tone: keyof typeof TONE;
  let head: string;
  let text: string | null;
  switch (r.state) {
    case "paused":
      [tone, head, text] = ["amber", "Paused", r.stateReason ?? "No new reboots start until it is resumed."];
      break;
    case "running":
      if (!r.waitReason) return null;
      [tone, head, text] = [r.canary && !r.canaryApprovedAt ? "amber" : "sky", "Waiting", r.waitReason];
      break;
    case "failed":
      [tone, head, text] = ["red", "Failed", r.stateReason];
      break;
    case "cancelled":
      [tone, head, text] = ["gray", "Cancelled", r.stateReason];
      break;
    case "succeeded":
      [tone, head, text] = ["green", "Succeeded", `All ${r.counts.healthy.toLocaleString("en")} machines came back healthy.`];
      break;
  }
  return (
    <div role="status" aria-label="Rollout status" className={`rounded border px-4 py-3 text-sm ${TONE[tone]}`}>
      <span className="font-semibold">{head}</span>
      {text ? <>: {text}</> : null}
    </div>
  );
}
