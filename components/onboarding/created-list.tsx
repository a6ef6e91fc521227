import Link from "next/link";
import type { ImportRow } from "@/lib/onboarding/schema";

/** Where the list of just-added machines can be seen again: one role and rack if they share them. */
function listHref(rows: ImportRow[]): string {
  const params = new URLSearchParams();
  const roles = new Set(rows.map((r) => r.role));
  const racks = new Set(rows.map((r) => r.rack));
  if (roles.size === 1 && rows[0].role) params.set("role", rows[0].role);
  if (racks.size === 1 && rows[0].rack) params.set("rack", rows[0].rack);
  return `/machines${params.size ? `?${params}` : ""}`;
}

export function CreatedList({ rows }: { rows: ImportRow[] }) {
  return (
    <section aria-labelledby="created-heading" className="space-y-3 rounded border border-emerald-300 bg-emerald-50/60 p-4 dark:border-emerald-800 dark:bg-emerald-950/30">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="created-heading" role="status" className="font-semibold text-emerald-800 dark:text-emerald-300">
          Added {rows.length} machine{rows.length === 1 ? "" : "s"}. They boot their role&apos;s image at their next PXE boot.
        </h2>
        <Link href={listHref(rows)} className="text-sm text-sky-700 hover:underline dark:text-sky-400">Show them in the machine list →</Link>
      </div>
      <div className="max-h-96 overflow-auto rounded border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <table className="data-table" aria-label="Added machines">
          <thead>
            <tr><th scope="col">Hostname</th><th scope="col">MAC</th><th scope="col">IPv4</th><th scope="col">Role</th><th scope="col">Rack</th></tr>
          </thead>
          <tbody>
            {rows.slice(0, 500).map((r) => (
              <tr key={r.line}>
                <td><Link href={`/machines/${r.hostname}`} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{r.hostname}</Link></td>
                <td className="font-mono">{r.mac}</td>
                <td className="font-mono tabular-nums">{r.ip ?? "—"}</td>
                <td>{r.role ?? "—"}</td>
                <td>{r.rack ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
