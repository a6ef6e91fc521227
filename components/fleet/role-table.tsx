import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { StackedBar } from "@/components/ui/stacked-bar";
import type { RoleHomogeneity } from "@/lib/fleet/queries";
import type { ActiveRollout } from "@/lib/rollouts/queries";
import { convergenceSegments, percent } from "./convergence";

const DASH = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

/** "<image>:<version>" without the image when it is the role's own (image names hold no colon). */
function shortVersion(ref: string, desired: string | null): string {
  const cut = ref.indexOf(":");
  return desired && desired.slice(0, desired.indexOf(":")) === ref.slice(0, cut) ? ref.slice(cut + 1) : ref;
}

function Versions({ row }: { row: RoleHomogeneity }) {
  return (
    <div className="flex flex-wrap gap-1">
      {row.versions.map((v) => (
        <Badge key={v.version} tone={v.desired ? "green" : "amber"} title={v.version}>
          <span className="font-mono">{shortVersion(v.version, row.desiredVersion)}</span>
          <span className="tabular-nums opacity-75">× {v.count.toLocaleString("en")}</span>
        </Badge>
      ))}
      {row.neverReported ? (
        <Badge tone="gray">
          never reported <span className="tabular-nums opacity-75">× {row.neverReported.toLocaleString("en")}</span>
        </Badge>
      ) : null}
    </div>
  );
}

/** The rollouts under way on a role's machines, each a link, in words and colour. */
function Rollouts({ rollouts }: { rollouts: ActiveRollout[] }) {
  return (
    <div className="mt-0.5 flex flex-wrap gap-1">
      {rollouts.map((r) => (
        <Link key={r.id} href={`/rollouts/${r.id}`} title={`Rollout ${r.label}: ${r.awaitingApproval ? "awaiting approval" : r.state}`}>
          <Badge tone={r.awaitingApproval || r.state === "paused" ? "amber" : "blue"}>
            rollout {r.awaitingApproval ? "awaiting approval" : r.state}
          </Badge>
        </Link>
      ))}
    </div>
  );
}

export function RoleTable({ roles, rollouts = new Map() }: { roles: RoleHomogeneity[]; rollouts?: Map<string, ActiveRollout[]> }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Role</th>
          <th>Desired version</th>
          <th className="text-right">Converged</th>
          <th className="text-right">%</th>
          <th className="w-0" aria-label="Convergence bar" />
          <th>Running</th>
        </tr>
      </thead>
      <tbody>
        {roles.map((r) => (
          <tr key={r.role ?? "(none)"}>
            <td>
              {r.role ? (
                <>
                  <Link href={`/machines?role=${encodeURIComponent(r.role)}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                    {r.role}
                  </Link>
                  {rollouts.get(r.role)?.length ? <Rollouts rollouts={rollouts.get(r.role)!} /> : null}
                </>
              ) : (
                <span className="text-zinc-500 italic dark:text-zinc-400">no role</span>
              )}
            </td>
            <td className="font-mono" title={r.desiredVersion ?? undefined}>
              {r.desiredVersion ? (
                <>
                  <span className="text-zinc-500 dark:text-zinc-400">{r.desiredVersion.slice(0, r.desiredVersion.indexOf(":") + 1)}</span>
                  {shortVersion(r.desiredVersion, r.desiredVersion)}
                </>
              ) : r.role ? (
                <span className="font-sans text-amber-700 dark:text-amber-400">none set</span>
              ) : (
                DASH
              )}
            </td>
            <td className="text-right tabular-nums">
              {r.converged.toLocaleString("en")} / {r.total.toLocaleString("en")}
            </td>
            <td className="text-right font-medium tabular-nums">{r.desiredVersion ? percent(r.converged, r.total) : DASH}</td>
            <td>
              <StackedBar total={r.total} segments={convergenceSegments(r)} />
            </td>
            <td className="whitespace-normal">{r.total ? <Versions row={r} /> : <span className="text-zinc-500 dark:text-zinc-400">no machines</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
