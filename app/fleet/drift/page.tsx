import Link from "next/link";
import { driftExplanation } from "@/components/fleet/drift-summary";
import { DriftFilters } from "@/components/fleet/drift-filters";
import { DriftTable } from "@/components/fleet/drift-table";
import { DriftTabs } from "@/components/fleet/drift-tabs";
import { FleetNav } from "@/components/fleet/fleet-nav";
import { RollLinks } from "@/components/fleet/roll-links";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { driftCsvHref, driftHref, ROLL_HOSTNAMES_MAX } from "@/lib/fleet/links";
import { countDrift, groupDriftByRole, listDrift } from "@/lib/fleet/drift-queries";
import { driftListQuery } from "@/lib/fleet/schema";
import { listRacks, listRoleNames } from "@/lib/machines/queries";

export const metadata = { title: "Drift" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function DriftPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""));
  const parsed = driftListQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : driftListQuery.parse({ kind: raw.kind === "stale" || raw.kind === "hash" ? raw.kind : undefined });
  const [rows, groups, counts, roles, racks] = await Promise.all([
    listDrift(q),
    groupDriftByRole(q, ROLL_HOSTNAMES_MAX),
    countDrift(q),
    listRoleNames(),
    listRacks(),
  ]);
  const total = counts[q.kind];
  const filtered = Boolean(q.role || q.rack);

  return (
    <>
      <PageHeader title="Drift" subtitle="Machines that are not running what their role wants, in three lists." actions={<LiveRefresh />} />
      <FleetNav current="Drift" />
      <div className="space-y-4 p-6">
        <DriftTabs q={q} counts={counts} />
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{driftExplanation(q.kind, q.days)}</p>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <DriftFilters key={`${q.kind}-${q.role}-${q.rack}-${q.days}`} q={q} roles={roles} racks={racks} />
          {total > 0 ? (
            <a href={driftCsvHref(q)} className={buttonClass("secondary")} download title="Every row of this list, in hostname order">
              Download CSV ({total.toLocaleString("en")} rows)
            </a>
          ) : null}
        </div>
        {!parsed.success ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Ignored an invalid filter: {parsed.error.issues[0]?.message}
          </p>
        ) : null}
        {total === 0 ? (
          <EmptyState title={filtered ? "No machine in this list matches the filters" : "No machine in this list"}>
            {filtered ? <Link href={driftHref({ kind: q.kind, days: q.days })} className="text-sky-700 hover:underline dark:text-sky-400">Clear the filters</Link> : "Nothing has drifted this way."}
          </EmptyState>
        ) : (
          <>
            <RollLinks groups={groups} q={q} />
            {rows.length ? (
              <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
                <DriftTable rows={rows} q={q} />
              </div>
            ) : (
              <p className="text-sm">
                This page is past the end of the list.{" "}
                <Link href={driftHref(q, { page: 1 })} className="text-sky-700 hover:underline dark:text-sky-400">Go to the first page</Link>
              </p>
            )}
            <Pager page={q.page} pageSize={q.limit} total={total} href={(page) => driftHref(q, { page })} />
          </>
        )}
      </div>
    </>
  );
}
