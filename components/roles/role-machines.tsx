import Link from "next/link";
import { MachineStateBadge, MaintenanceBadge } from "@/components/machines/state-badge";
import { Badge } from "@/components/ui/badge";

interface RoleMachine {
  id: string;
  hostname: string;
  ipv4: string | null;
  rack: string | null;
  state: string;
  maintenance: boolean;
  bootedVersion: string | null;
}

/** A role's machines, with the version each last booted set against the role's desired one. */
export function RoleMachines({ machines, desired }: { machines: RoleMachine[]; desired: string | null }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Hostname</th>
          <th>State</th>
          <th>IPv4</th>
          <th>Rack</th>
          <th>Booted version</th>
        </tr>
      </thead>
      <tbody>
        {machines.map((m) => (
          <tr key={m.id}>
            <td>
              <Link className="font-medium text-sky-700 hover:underline dark:text-sky-400" href={`/machines/${m.id}`}>
                {m.hostname}
              </Link>
            </td>
            <td>
              <span className="inline-flex gap-1">
                <MachineStateBadge state={m.state} />
                {m.maintenance ? <MaintenanceBadge /> : null}
              </span>
            </td>
            <td className="font-mono">{m.ipv4 ?? "—"}</td>
            <td>{m.rack ?? "—"}</td>
            <td>
              {m.bootedVersion ? (
                <span className="inline-flex items-center gap-1.5">
                  <span className="font-mono">{m.bootedVersion}</span>
                  {desired && m.bootedVersion !== desired ? (
                    <Badge tone="amber" title={`the role's desired version is ${desired}`}>
                      not desired
                    </Badge>
                  ) : null}
                </span>
              ) : (
                <span className="text-zinc-400 dark:text-zinc-500">not booted yet</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
