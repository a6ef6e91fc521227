import Link from "next/link";
import { EventFilter } from "@/components/events/event-filter";
import { EventTable } from "@/components/events/event-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { listEventKinds, listEvents } from "@/lib/events/queries";
import { eventListQuery } from "@/lib/events/schema";

export const metadata = { title: "Events" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EventsPage({ searchParams }: { searchParams: SearchParams }) {
  const given = Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== "");
  // A bad parameter (say, a mangled cursor) is dropped on its own; the other filters stay.
  const parsed = eventListQuery.safeParse(Object.fromEntries(given));
  const bad = new Set(parsed.error?.issues.map((i) => String(i.path[0])) ?? []);
  const query = parsed.data ?? eventListQuery.parse(Object.fromEntries(given.filter(([key]) => !bad.has(key))));
  const [{ items, nextCursor }, kinds] = await Promise.all([listEvents(query), listEventKinds()]);
  const filtered = Boolean(query.kind || query.machine);
  const href = (cursor?: string) => {
    const p = new URLSearchParams();
    if (query.kind) p.set("kind", query.kind);
    if (query.machine) p.set("machine", query.machine);
    if (cursor) p.set("cursor", cursor);
    return p.size ? `/events?${p}` : "/events";
  };
  return (
    <>
      <PageHeader title="Events" subtitle="Everything that happened to the fleet, newest first." actions={<LiveRefresh />} />
      <div className="space-y-4 p-6">
        <EventFilter kinds={kinds} kind={query.kind} machine={query.machine} />
        {parsed.success ? null : (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            Ignored a bad parameter: {parsed.error.issues.map((i) => i.message).join("; ")}.
          </p>
        )}
        {items.length === 0 ? (
          filtered || query.cursor ? (
            <EmptyState title="No events match">Try another kind or machine, or clear the filters.</EmptyState>
          ) : (
            <EmptyState title="No events yet">
              Events appear here as machines boot, report in and deploy, and as rollouts move through the fleet.
            </EmptyState>
          )
        ) : (
          <EventTable events={items} />
        )}
        <nav aria-label="Pages" className="flex items-center gap-4 text-sm">
          {query.cursor ? (
            <Link href={href()} className="text-sky-700 hover:underline dark:text-sky-400">
              ← Newest
            </Link>
          ) : null}
          {nextCursor ? (
            <Link href={href(nextCursor)} className="text-sky-700 hover:underline dark:text-sky-400">
              Older →
            </Link>
          ) : items.length > 0 ? (
            <span className="text-zinc-500 dark:text-zinc-400">No older events.</span>
          ) : null}
        </nav>
      </div>
    </>
  );
}
