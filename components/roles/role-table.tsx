import Link from "next/link";
import type { RoleDto } from "@/lib/roles/dto";
import { DesiredVersion } from "./desired-version";
import { StateCounts } from "./state-counts";

export function RoleTable({ roles }: { roles: RoleDto[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>Description</th>
          <th>Desired version</th>
          <th className="text-right">Machines</th>
          <th>By state</th>
        </tr>
      </thead>
      <tbody>
        {roles.map((r) => (
          <tr key={r.id}>
            <td>
              <Link className="font-medium text-sky-700 hover:underline dark:text-sky-400" href={`/roles/${r.name}`}>
                {r.name}
              </Link>
            </td>
            <td className="max-w-56 truncate text-zinc-600 dark:text-zinc-400" title={r.description}>
              {r.description || "—"}
            </td>
            <td>
              <DesiredVersion label={r.imageVersion} status={r.imageVersionStatus} />
            </td>
            <td className="text-right tabular-nums">{r.machines.total}</td>
            {/* Wraps rather than pushing the table past the window. */}
            <td className="!whitespace-normal">
              <StateCounts counts={r.machines} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
