import { FleetNav } from "@/components/fleet/fleet-nav";
import { NEVER_CELL, DESIRED_CELL, VERSION_CELLS } from "@/components/fleet/rack-colours";
import { RackFilters } from "@/components/fleet/rack-filters";
import { RackGrid } from "@/components/fleet/rack-grid";
import { RackLegend, type VersionStyle } from "@/components/fleet/rack-legend";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { rackHref } from "@/lib/fleet/links";
import { getRackView, type RackView } from "@/lib/fleet/rack-queries";
import { rackQuery } from "@/lib/fleet/schema";
import { listRoleNames } from "@/lib/machines/queries";

export const metadata = { title: "Racks" };

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Colours and words per version key, in legend order, so a version looks the same on every page of racks. */
function versionStyles(view: RackView): Map<string, VersionStyle> {
  const styles = new Map<string, VersionStyle>();
  let i = 0;
  for (const { key } of view.legend) {
    if (key === "desired") styles.set(key, { cell: DESIRED_CELL, label: view.desiredVersion ? `${view.desiredVersion} (desired)` : "its role's desired version" });
    else if (key === "never") styles.set(key, { cell: NEVER_CELL, label: "never reported" });
    else styles.set(key, { cell: VERSION_CELLS[Math.min(i++, VERSION_CELLS.length - 1)], label: view.labels.get(key) ?? "unknown version" });
  }
  return styles;
}

export default async function RacksPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = rackQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : rackQuery.parse({});
  const [view, roles] = await Promise.all([getRackView(q), listRoleNames()]);
  const styles = versionStyles(view);

  return (
    <>
      <PageHeader title="Racks" subtitle="Every machine as a cell, rack by rack: spot a rack stuck on an old image." actions={<LiveRefresh />} />
      <FleetNav current="Racks" />
      <div className="space-y-4 p-6">
        <RackFilters q={q} roles={roles} />
        {!parsed.success ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">Ignored an invalid choice: {parsed.error.issues[0]?.message}</p> : null}
        {view.machineCount === 0 ? (
          <EmptyState title="No machines here">{q.role ? "No machine has this role." : "Onboard machines with a rack to see them here."}</EmptyState>
        ) : (
          <>
            <RackLegend by={q.by} legend={view.legend} styles={styles} states={view.states} />
            <RackGrid view={view} by={q.by} styles={styles} role={q.role} />
            <Pager
              page={view.page}
              pageSize={1}
              total={view.pageCount}
              href={(page) => rackHref(q, { page })}
              summary={`${view.racks.length.toLocaleString("en")} of ${view.rackCount.toLocaleString("en")} racks, ${view.machineCount.toLocaleString("en")} machines in all`}
            />
          </>
        )}
      </div>
    </>
  );
}
