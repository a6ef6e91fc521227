import { MachineStateBadge } from "@/components/machines/state-badge";
import type { RoleMachineCounts } from "@/lib/roles/dto";

const ORDER = ["ready", "deploying", "booting", "rebooting", "failed", "new"] as const;

/** "18 ready · 2 failed": how a role's machines are doing, always in the same order so rows compare at a glance. */
export function StateCounts({ counts }: { counts: RoleMachineCounts }) {
  if (counts.total === 0) return <span className="text-zinc-400 dark:text-zinc-500">no machines</span>;
  return (
    <span className="inline-flex flex-wrap items-center gap-x-2.5 gap-y-1">
      {ORDER.filter((state) => counts.byState[state]).map((state) => (
        <span key={state} className="inline-flex items-center gap-1 whitespace-nowrap">
          <span className="tabular-nums">{counts.byState[state]}</span>
          <MachineStateBadge state={state} />
        </span>
      ))}
    </span>
  );
}
