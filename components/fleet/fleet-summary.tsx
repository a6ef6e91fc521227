import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { StackedBar } from "@/components/ui/stacked-bar";
import type { FleetHomogeneity, StateCounts } from "@/lib/fleet/queries";
import { CONVERGED, convergenceSegments, NEVER_REPORTED, OTHER_VERSION, percent } from "./convergence";

const STATES: { state: keyof StateCounts; tone: Tone }[] = [
  { state: "ready", tone: "green" },
  { state: "deploying", tone: "blue" },
  { state: "booting", tone: "blue" },
  { state: "failed", tone: "red" },
  { state: "new", tone: "gray" },
  { state: "rebooting", tone: "violet" },
];

function Stat({ label, value, swatch, sub }: { label: string; value: number; swatch?: string; sub?: string }) {
  return (
    <div>
      <dt className="flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
        {swatch ? <span aria-hidden className={`inline-block size-2 rounded-sm ${swatch}`} /> : null}
        {label}
      </dt>
      <dd className="text-xl font-semibold tabular-nums">
        {value.toLocaleString("en")}
        {sub ? <span className="ml-1.5 text-sm font-normal text-zinc-500 dark:text-zinc-400">{sub}</span> : null}
      </dd>
    </div>
  );
}

export function FleetSummary({ fleet, states }: { fleet: FleetHomogeneity; states: StateCounts }) {
  const untargeted = fleet.total - fleet.converged - fleet.drifted - fleet.neverReported;
  return (
    <div className="space-y-4">
      <dl className="flex flex-wrap gap-x-10 gap-y-3">
        <Stat label="Machines" value={fleet.total} />
        <Stat label="Converged" value={fleet.converged} swatch={CONVERGED} sub={percent(fleet.converged, fleet.total)} />
        <Stat label="On another version" value={fleet.drifted + untargeted} swatch={OTHER_VERSION} />
        <Stat label="Never reported" value={fleet.neverReported} swatch={NEVER_REPORTED} />
      </dl>
      <StackedBar className="h-3 w-full max-w-3xl" total={fleet.total} segments={convergenceSegments(fleet)} />
      {untargeted > 0 ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {untargeted.toLocaleString("en")} of the machines on another version are in roles without a desired version, or have no role.
        </p>
      ) : null}
      <nav aria-label="Machines by state" className="flex flex-wrap items-center gap-2 text-sm">
        {STATES.map(({ state, tone }) => (
          <Link key={state} href={`/machines?state=${state}`} className="rounded hover:opacity-80">
            <Badge tone={states[state] ? tone : "gray"}>
              <span className="tabular-nums">{states[state].toLocaleString("en")}</span> {state}
            </Badge>
          </Link>
        ))}
        <span title="Machines flagged for maintenance are left out of rollouts">
          <Badge tone={states.maintenance ? "amber" : "gray"}>
            <span className="tabular-nums">{states.maintenance.toLocaleString("en")}</span> in maintenance
          </Badge>
        </span>
      </nav>
    </div>
  );
}
