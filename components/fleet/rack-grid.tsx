import Link from "next/link";
import type { RackCell, RackView } from "@/lib/fleet/rack-queries";
import type { RackSummary } from "@/lib/fleet/racks";
import { STATE_CELLS } from "./rack-colours";
import type { VersionStyle } from "./rack-legend";

function percent(part: number, whole: number): string {
  return whole ? `${Math.floor((part / whole) * 100)}%` : "—";
}

function RackHeader({ rack, role }: { rack: RackSummary; role?: string }) {
  const other = rack.total - rack.desired - rack.never;
  const name = rack.rack ?? "no rack";
  const params = new URLSearchParams({ rack: rack.rack ?? "-" });
  if (role) params.set("role", role);
  return (
    <div className="flex flex-wrap items-baseline gap-x-3 text-sm">
      <h3 className="font-medium">
        <Link href={`/machines?${params}`} className="text-sky-700 hover:underline dark:text-sky-400">{name}</Link>
      </h3>
      <p className="text-zinc-600 tabular-nums dark:text-zinc-400">
        {rack.total.toLocaleString("en")} machine{rack.total === 1 ? "" : "s"} · {rack.desired.toLocaleString("en")} on the desired version ({percent(rack.desired, rack.total)})
        {other ? ` · ${other.toLocaleString("en")} on another` : ""}
        {rack.never ? ` · ${rack.never.toLocaleString("en")} never reported` : ""}
      </p>
    </div>
  );
}

/**
 * Racks as rows of small cells, one per machine in hostname order, coloured by version
 * or by state. Each cell names the machine and what it runs on hover (and as its
 * accessible name); the cells are out of the tab order, the rack link is the keyboard way in.
 */
export function RackGrid({ view, by, styles, role }: { view: RackView; by: "version" | "state"; styles: Map<string, VersionStyle>; role?: string }) {
  const cells = new Map<string | null, RackCell[]>();
  for (const c of view.cells) {
    const list = cells.get(c.rack) ?? [];
    list.push(c);
    cells.set(c.rack, list);
  }
  return (
    <div className="space-y-4">
      {view.racks.map((rack) => (
        <section key={rack.rack ?? "(none)"} aria-label={`Rack ${rack.rack ?? "none"}`} className="space-y-1.5">
          <RackHeader rack={rack} role={role} />
          {/* Shared cell styles sit on the parent: at thousands of cells, per-cell classes are most of the page. */}
          <div className="flex flex-wrap gap-[3px] [&>a]:block [&>a]:size-3.5 [&>a]:rounded-[2px] [&>a:hover]:outline-2 [&>a:hover]:outline-offset-1 [&>a:hover]:outline-zinc-900 dark:[&>a:hover]:outline-zinc-100">
            {(cells.get(rack.rack) ?? []).map((c) => {
              const version = styles.get(c.versionKey) ?? { label: "unknown version", cell: "bg-zinc-500" };
              const title = `${c.hostname} · ${c.role ?? "no role"} · ${version.label} · ${c.state}${c.maintenance ? " · in maintenance" : ""}`;
              return (
                // A plain link: thousands of next/link client components would all hydrate.
                <a
                  key={c.hostname}
                  href={`/machines/${c.hostname}`}
                  tabIndex={-1}
                  title={title}
                  className={`${by === "version" ? version.cell : STATE_CELLS[c.state]}${c.maintenance ? " opacity-35" : ""}`}
                />
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
