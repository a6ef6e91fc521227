import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { MachineDto } from "@/lib/machines/dto";
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

export function MachineTable({ machines, selection }: { machines: MachineDto[]; selection?: MachineSelection }) {
  const all = selection ? machines.length > 0 && machines.every((m) => selection.chosen.has(m.id)) : false;
  return (
    <table className="data-table">
      <thead>
        <tr>
          {selection ? (
            <th className="w-0">
              <input type="checkbox" aria-label="Choose every machine on this page" checked={all} onChange={(e) => selection.toggleAll(e.target.checked)} />
            </th>
          ) : null}
          <th>Hostname</th>
          <th>State</th>
          <th>Role</th>
          <th>Image version</th>
          <th>IPv4</th>
          <th>Boot MAC</th>
          <th>Rack</th>
          <th>Last seen</th>
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
