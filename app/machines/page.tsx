import Link from "next/link";
import { consoleCan } from "@/lib/auth/console";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { MachineFilters } from "@/components/machines/machine-filters";
import { ChosenMachines } from "@/components/machines/chosen-machines";
import { MachineTable, sortKeyLabel, type MachineOrder } from "@/components/machines/machine-table";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { countMachines, listMachines, listRacks, listRoleNames, machinesBeforePage } from "@/lib/machines/queries";
import { machineSortHrefs, machinesHref } from "@/lib/machines/links";
import { MACHINE_STATES, machineListQuery } from "@/lib/machines/schema";
import { parseMachineSort } from "@/lib/machines/sort";
import { parseLeavingOut } from "@/lib/validation/leave-out";
import { AppError } from "@/lib/http/errors";
import { bulkMachineAction } from "./actions";

export const metadata = { title: "Machines" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function MachinesPage({ searchParams }: { searchParams: Search }) {
  const given = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  // A bad parameter (an old bookmark, an edited link) is left out on its own; the others stay.
  const { data: query, kept: params, leftOut: ignored } = parseLeavingOut(machineListQuery, given);
  const sort = parseMachineSort(query);
  // A cursor left over from another order (or edited by hand) starts the list over.
  const listed = Promise.all([listMachines(query), machinesBeforePage(query)]).then(
    ([p, before]) => ({ page: p, before, staleCursor: false }),
    async (err: unknown) => {
      if (err instanceof AppError && err.code === "bad_request") return { page: await listMachines({ ...query, cursor: undefined }), before: 0, staleCursor: true };
      throw err;
    },
  );
  const [{ page, before, staleCursor }, total, roles, racks] = await Promise.all([listed, countMachines(query), listRoleNames(), listRacks()]);
  const shownTo = before + page.items.length;
  const order: MachineOrder = { key: sort.key, desc: sort.desc, hrefs: machineSortHrefs(params, sort) };
  const canOperate = await consoleCan("operate");
  const filtered = Boolean(query.q || query.role || query.state || query.rack);

  return (
    <>
      <PageHeader
        title="Machines"
        subtitle={`${total.toLocaleString("en")} ${filtered ? "matching" : "registered"} machine${total === 1 ? "" : "s"}`}
        actions={
          <>
            <LiveRefresh />
            {canOperate ? (
              <>
                <Link href="/machines/import" className={buttonClass()}>Add machines</Link>
                <Link href="/machines/new" className={buttonClass("secondary")}>Add machine</Link>
              </>
            ) : null}
          </>
        }
      />
      <div className="space-y-3 px-6 py-4">
        <MachineFilters roles={roles} racks={racks} states={MACHINE_STATES} />
        {ignored.length ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Ignored {ignored.map((i) => `${i.name}=${i.value} (${i.message})`).join("; ")}.
          </p>
        ) : null}
        {staleCursor ? (
          <p role="status" className="text-sm text-amber-700 dark:text-amber-400">That page link belongs to another order or is damaged; showing the first page.</p>
        ) : null}
        {page.items.length === 0 ? (
          filtered ? (
            <EmptyState title="No machine matches these filters">Clear the search or pick another role, state or rack.</EmptyState>
          ) : (
            <EmptyState title="No machines yet">
              <Link href="/machines/import" className="text-sky-700 hover:underline dark:text-sky-400">Paste the MAC addresses</Link> of your servers; each boots its role&apos;s image the next time it PXE-boots. Machines that already tried to boot wait in the <Link href="/machines/unknown" className="text-sky-700 hover:underline dark:text-sky-400">unknown-MAC inbox</Link>.
            </EmptyState>
          )
        ) : (
          <>
            {canOperate ? (
              <ChosenMachines key={JSON.stringify(query)} machines={page.items} act={bulkMachineAction} order={order} />
            ) : (
              <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
                <MachineTable machines={page.items} order={order} />
              </div>
            )}
            <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
              <span className="text-zinc-500 dark:text-zinc-400">
                {before + 1}–{shownTo} of {total.toLocaleString("en")}, by {sortKeyLabel(sort.key)}
                {sort.desc ? ", descending" : ""}
              </span>
              <span className="flex gap-3">
                {before > 0 ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={machinesHref(params, { cursor: undefined })}>« First page</Link> : null}
                {page.nextCursor ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={machinesHref(params, { cursor: page.nextCursor })}>Next {Math.min(query.limit, Math.max(total - shownTo, 1))} »</Link> : null}
              </span>
            </nav>
          </>
        )}
      </div>
    </>
  );
}
