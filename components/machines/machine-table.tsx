import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { lowerLabel, SortHeader } from "@/components/ui/sort-header";
import { TimeAgo } from "@/components/ui/time-ago";
import type { MachineDto } from "@/lib/machines/dto";
import type { MachineSortKey } from "@/lib/machines/sort";
import { MachineStateBadge, MaintenanceBadge } from "./state-badge";

function VersionCell({ booted, desired }: { booted: string | null; desired: string | null }) {
  if (!booted) return <span className="text-zinc-400 dark:text-zinc-500">never reported</span>;
  const version = booted.split(":")[1];
  if (!desired || booted === desired) return <span className="font-mono">{version}</span>;
  return (
    <span className="inline-flex items-center gap-1.5">
      <span className="font-mono">{version}</span>
      <Badge tone="amber" title={`desired: ${desired}`}>behind → {desired.split(":")[1]}</Badge>
    </span>
  );
}

/** Ticking machines on the list (lib/machines/bulk.ts acts on them). */
export interface MachineSelection {
  chosen: ReadonlySet<string>;
  toggle: (id: string) => void;
  toggleAll: (on: boolean) => void;
}

/** The list's order and, per sortable column, the page to go to when its header is clicked. */
export interface MachineOrder {
  key: MachineSortKey;
  desc: boolean;
  hrefs: Record<MachineSortKey, string>;
}

const COLUMNS: [label: string, key: MachineSortKey | null][] = [
  ["Hostname", "hostname"],
  ["State", "state"],
  ["Role", "role"],
  ["Image version", "version"],
  ["IPv4", "ipv4"],
  ["Boot MAC", null],
  ["Rack", "rack"],
  ["Last seen", "lastSeen"],
];

function ColumnHeader({ label, sortKey, order }: { label: string; sortKey: MachineSortKey | null; order?: MachineOrder }) {
  if (!sortKey || !order) return <th>{label}</th>;
  return <SortHeader label={label} href={order.hrefs[sortKey]} active={order.key === sortKey} desc={order.desc} />;
}

/** The label of the column a key orders, as a sentence says it ("by last seen"). */
export function sortKeyLabel(key: MachineSortKey): string {
  return lowerLabel(COLUMNS.find(([, k]) => k === key)![0]);
}

export function MachineTable({ machines, selection, order }: { machines: MachineDto[]; selection?: MachineSelection; order?: MachineOrder }) {
  const all = selection ? machines.length > 0 && machines.every((m) => selection.chosen.has(m.id)) : false;
  const some = selection ? !all && machines.some((m) => selection.chosen.has(m.id)) : false;
  return (
    <table className="data-table">
      <thead>
        <tr>
          {selection ? (
            <th className="w-0">
              <input
                type="checkbox"
                aria-label="Choose every machine on this page"
                checked={all}
                // Partly ticked shows as such (a dash), and a click then ticks them all.
                ref={(box) => {
                  if (box) box.indeterminate = some;
                }}
                onChange={(e) => selection.toggleAll(e.target.checked)}
              />
            </th>
          ) : null}
          {COLUMNS.map(([label, key]) => (
            <ColumnHeader key={label} label={label} sortKey={key} order={order} />
          ))}
        </tr>
      </thead>
      <tbody>
        {machines.map((m) => (
          <tr key={m.id} aria-selected={selection ? selection.chosen.has(m.id) : undefined}>
            {selection ? (
              <td>
                <input type="checkbox" aria-label={`Choose ${m.hostname}`} checked={selection.chosen.has(m.id)} onChange={() => selection.toggle(m.id)} />
              </td>
            ) : null}
            <td>
              <Link href={`/machines/${m.hostname}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                {m.hostname}
              </Link>
              {m.maintenance ? <span className="ml-2"><MaintenanceBadge /></span> : null}
            </td>
            <td><MachineStateBadge state={m.state} /></td>
            <td>{m.role ?? <span className="text-zinc-400">—</span>}</td>
            <td><VersionCell booted={m.bootedVersion} desired={m.desiredVersion} /></td>
            <td className="font-mono tabular-nums">{m.ipv4 ?? "—"}</td>
            <td className="font-mono">{m.interfaces.find((i) => i.isBoot)?.mac ?? m.macs[0] ?? "—"}</td>
            <td>{m.rack ?? "—"}</td>
            <td><TimeAgo date={m.lastSeenAt} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
