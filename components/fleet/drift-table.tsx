import Link from "next/link";
import { MachineStateBadge, MaintenanceBadge } from "@/components/machines/state-badge";
import { SortHeader } from "@/components/ui/sort-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { driftHref } from "@/lib/fleet/links";
import type { DriftRow } from "@/lib/fleet/drift-queries";
import type { DriftListQuery, DriftSort } from "@/lib/fleet/schema";

const DASH = <span className="text-zinc-400 dark:text-zinc-500">—</span>;

function DriftSortHeader({ q, sort, children, className }: { q: DriftListQuery; sort: DriftSort; children: string; className?: string }) {
  const active = q.sort === sort;
  const dir = active && q.dir === "asc" ? "desc" : "asc";
  return <SortHeader label={children} href={driftHref(q, { sort, dir, page: 1 })} active={active} desc={q.dir === "desc"} className={className} />;
}

function Version({ value, desired }: { value: string | null; desired: string | null }) {
  if (!value) return DASH;
  const [image, version] = [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)];
  // The image name only when it is not the desired version's (the usual case is one image per role).
  const sameImage = desired && desired.startsWith(`${image}:`);
  return (
    <span className="font-mono" title={value}>
      {sameImage ? null : <span className="text-zinc-500 dark:text-zinc-400">{image}:</span>}
      {version}
    </span>
  );
}

function Hash({ value, other }: { value: string | null; other: string | null }) {
  if (!value) return DASH;
  const differs = other && value.toLowerCase() !== other.toLowerCase();
  return (
    <span className={`font-mono ${differs ? "text-red-700 dark:text-red-400" : ""}`} title={value}>
      {value.slice(0, 12)}…
    </span>
  );
}

export function DriftTable({ rows, q }: { rows: DriftRow[]; q: DriftListQuery }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <DriftSortHeader q={q} sort="hostname">Hostname</DriftSortHeader>
          <DriftSortHeader q={q} sort="role">Role</DriftSortHeader>
          <DriftSortHeader q={q} sort="rack">Rack</DriftSortHeader>
          <th>State</th>
          <DriftSortHeader q={q} sort="version">Running version</DriftSortHeader>
          <th>Desired version</th>
          <DriftSortHeader q={q} sort="lastBoot">Last boot</DriftSortHeader>
          {q.kind === "hash" ? (
            <>
              <th>Reported sha256</th>
              <th>Recorded sha256</th>
            </>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id}>
            <td>
              <Link href={`/machines/${r.hostname}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                {r.hostname}
              </Link>
              {r.maintenance ? <span className="ml-2"><MaintenanceBadge /></span> : null}
            </td>
            <td>{r.role ?? <span className="text-zinc-500 italic dark:text-zinc-400">no role</span>}</td>
            <td>{r.rack ?? DASH}</td>
            <td><MachineStateBadge state={r.state} /></td>
            <td><Version value={r.bootedVersion} desired={r.desiredVersion} /></td>
            <td><Version value={r.desiredVersion} desired={r.desiredVersion} /></td>
            <td><TimeAgo date={r.lastBootAt} empty="unknown" /></td>
            {q.kind === "hash" ? (
              <>
                <td><Hash value={r.reportedSha256} other={r.expectedSha256} /></td>
                <td><Hash value={r.expectedSha256} other={null} /></td>
              </>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
