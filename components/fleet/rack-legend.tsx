import type { LegendEntry } from "@/lib/fleet/racks";
import type { MachineState } from "@/lib/generated/prisma/enums";
import { STATE_CELLS, STATE_ORDER } from "./rack-colours";

export interface VersionStyle {
  label: string;
  cell: string;
}

function Swatch({ cell }: { cell: string }) {
  return <span aria-hidden className={`inline-block size-3 rounded-[2px] ${cell}`} />;
}

/** What each colour means, with how many machines have it, so colour is never read alone. */
export function RackLegend({ by, legend, styles, states }: { by: "version" | "state"; legend: LegendEntry[]; styles: Map<string, VersionStyle>; states: Map<MachineState, number> }) {
  const items =
    by === "version"
      ? legend.map((l) => ({ key: l.key, cell: styles.get(l.key)!.cell, label: styles.get(l.key)!.label, count: l.count }))
      : STATE_ORDER.filter((s) => states.get(s)).map((s) => ({ key: s, cell: STATE_CELLS[s], label: s, count: states.get(s)! }));
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
      {items.map((i) => (
        <li key={i.key} className="inline-flex items-center gap-1.5">
          <Swatch cell={i.cell} />
          <span className={by === "version" && i.key !== "desired" && i.key !== "never" ? "font-mono" : ""}>{i.label}</span>
          <span className="tabular-nums">× {i.count.toLocaleString("en")}</span>
        </li>
      ))}
      <li className="inline-flex items-center gap-1.5">
        <span aria-hidden className="inline-block size-3 rounded-[2px] bg-zinc-400 opacity-35" />
        faded: in maintenance
      </li>
    </ul>
  );
}
