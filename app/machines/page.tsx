import Link from "next/link";
import { consoleCan } from "@/lib/auth/console";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { MachineFilters } from "@/components/machines/machine-filters";
import { ChosenMachines } from "@/components/machines/chosen-machines";
import { MachineTable, type MachineOrder } from "@/components/machines/machine-table";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { countMachines, listMachines, listRacks, listRoleNames } from "@/lib/machines/queries";
import { MACHINE_SORT_KEYS, MACHINE_STATES, machineListQuery } from "@/lib/machines/schema";
import { parseMachineSort, type MachineSort, type MachineSortKey } from "@/lib/machines/sort";
import { AppError } from "@/lib/http/errors";
import { bulkMachineAction } from "./actions";

export const metadata = { title: "Machines" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function MachinesPage({ searchParams }: { searchParams: Search }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = machineListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : machineListQuery.parse({});
  const sort = parseMachineSort(query);
  // A cursor left over from another order (or edited by hand) starts the list over.
  const firstPage = () => listMachines({ ...query, cursor: undefined });
  const listed = listMachines(query).then(
    (p) => ({ page: p, staleCursor: false }),
    async (err: unknown) => {
      if (err instanceof AppError && err.code === "bad_request") return { page: await firstPage(), staleCursor: true };
      throw err;
    },
  );
  const [{ page, staleCursor }, total, roles, racks] = await Promise.all([listed, countMachines(query), listRoleNames(), listRacks()]);
  const order: MachineOrder = { key: sort.key, desc: sort.desc, hrefs: sortLinks(raw, sort) };
  const canOperate = await consoleCan("operate");
  const filtered = Boolean(query.q || query.role || query.state || query.rack);
  const nextParams = new URLSearchParams({ ...raw, cursor: page.nextCursor ?? "" });

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
        {!parsed.success ? (
          <p role="alert" className="text-sm text-red-600">Ignored an invalid filter: {parsed.error.issues[0]?.message}</p>
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
              <ChosenMachines machines={page.items} act={bulkMachineAction} order={order} />
            ) : (
              <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
                <MachineTable machines={page.items} order={order} />
              </div>
            )}
            <nav aria-label="Pages" className="flex items-center justify-between text-sm">
              <span className="text-zinc-500">{page.items.length} shown{query.cursor && !staleCursor ? " (not the first page)" : ""}</span>
              <span className="flex gap-3">
                {query.cursor && !staleCursor ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/machines?${new URLSearchParams({ ...raw, cursor: "" }).toString().replace(/&?cursor=/, "")}`}>« First page</Link> : null}
                {page.nextCursor ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/machines?${nextParams}`}>Next {query.limit} »</Link> : null}
              </span>
            </nav>
          </>
        )}
      </div>
    </>
  );
}

/** Per column, the list in that column's order: ascending first, descending on a second click. */
function sortLinks(raw: Record<string, string>, current: MachineSort): Record<MachineSortKey, string> {
  const links = {} as Record<MachineSortKey, string>;
  for (const key of MACHINE_SORT_KEYS) {
    const params = new URLSearchParams(raw);
    for (const name of ["cursor", "sort", "dir"]) params.delete(name);
    if (key !== "hostname") params.set("sort", key);
    if (current.key === key && !current.desc) params.set("dir", "desc");
    const qs = params.toString();
    links[key] = qs ? `/machines?${qs}` : "/machines";
  }
  return links;
}
