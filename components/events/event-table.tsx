import Link from "next/link";
import { Timestamp } from "@/components/ui/timestamp";
import type { EventItem } from "@/lib/events/queries";
import { summarizePayload } from "@/lib/events/summary";
import { KindBadge } from "./kind-badge";

const DASH = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

export function EventTable({ events }: { events: EventItem[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th className="w-0">Time (UTC)</th>
          <th className="w-0">Kind</th>
          <th className="w-0">Machine</th>
          <th className="w-0">Rollout</th>
          <th>Details</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const summary = summarizePayload(e.payload);
          return (
            <tr key={e.id}>
              <td className="text-zinc-600 dark:text-zinc-400">
                <Timestamp date={e.createdAt} />
              </td>
              <td>
                <KindBadge kind={e.kind} />
              </td>
              <td>
                {e.machine ? (
                  <Link href={`/machines/${e.machine.id}`} className="font-mono text-sky-700 hover:underline dark:text-sky-400">
                    {e.machine.hostname}
                  </Link>
                ) : typeof (e.payload as { hostname?: unknown } | null)?.hostname === "string" ? (
                  // A deleted machine's events keep its name in their payload.
                  <span className="font-mono text-zinc-500 dark:text-zinc-400" title="no longer registered">{(e.payload as { hostname: string }).hostname}</span>
                ) : (
                  DASH
                )}
              </td>
              <td className="font-mono">{e.rollout ? e.rollout.name || e.rollout.id.slice(0, 8) : DASH}</td>
              <td className="max-w-0 truncate font-mono text-xs text-zinc-600 dark:text-zinc-400" title={summarizePayload(e.payload, 2000)}>
                {summary || DASH}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
