import type { MachineState } from "@/lib/generated/prisma/enums";

/** Cells are HTML, so Tailwind classes with dark variants; hues as on the Fleet page's bars. */
export const DESIRED_CELL = "bg-emerald-500 dark:bg-emerald-400";
export const NEVER_CELL = "bg-zinc-300 dark:bg-zinc-600";

/** Other versions, in legend order (most machines first); the rest share the last colour. */
export const VERSION_CELLS = [
  "bg-amber-400 dark:bg-amber-500",
  "bg-orange-500 dark:bg-orange-400",
  "bg-rose-600 dark:bg-rose-400",
  "bg-violet-500 dark:bg-violet-400",
  "bg-sky-500 dark:bg-sky-400",
  "bg-fuchsia-500 dark:bg-fuchsia-400",
  "bg-lime-600 dark:bg-lime-400",
  "bg-stone-500 dark:bg-stone-400",
];

// The machine list's state colours (components/machines/state-badge.tsx).
export const STATE_CELLS: Record<MachineState, string> = {
  new: "bg-zinc-300 dark:bg-zinc-600",
  booting: "bg-sky-500 dark:bg-sky-400",
  deploying: "bg-violet-500 dark:bg-violet-400",
  ready: "bg-emerald-500 dark:bg-emerald-400",
  failed: "bg-red-600 dark:bg-red-500",
  rebooting: "bg-amber-400 dark:bg-amber-500",
};

export const STATE_ORDER: MachineState[] = ["ready", "deploying", "booting", "rebooting", "failed", "new"];
