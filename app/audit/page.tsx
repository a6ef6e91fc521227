import Link from "next/link";
import { AuditChanges } from "@/components/audit/audit-changes";
import { AuditTargetCell } from "@/components/audit/audit-target";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { auditQuery, auditTargets, listAudit } from "@/lib/audit/queries";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v)) as Record<string, string>;
  const parsed = auditQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : auditQuery.parse({});
  const page = await listAudit(q);
  const targets = await auditTargets(page.items);
  return (
    <>
      <PageHeader title="Audit log" subtitle="Every change, with who or which token made it, written in the same transaction as the change." />
      <div className="space-y-3 px-6 py-4">
        <form className="flex flex-wrap gap-2" role="search">
          <input name="actor" defaultValue={q.actor} placeholder="Actor contains…" aria-label="Actor" className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
          <input name="action" defaultValue={q.action} placeholder="Action prefix, e.g. machine." aria-label="Action" className="rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900" />
          <button type="submit" className="rounded border border-zinc-300 px-3 py-1 text-sm dark:border-zinc-700">Filter</button>
        </form>
        {!parsed.success ? <p role="alert" className="text-sm text-red-600">Ignored an invalid filter: {parsed.error.issues[0]?.message}</p> : null}
        {page.items.length === 0 ? (
          <EmptyState title="Nothing recorded yet">Changes to machines, roles, images, mirrors, subnets, users and tokens appear here.</EmptyState>
        ) : (
          <table className="data-table">
            <thead><tr><th>When</th><th>Actor</th><th>From</th><th>Action</th><th>Target</th><th>Changes</th></tr></thead>
            <tbody>
              {page.items.map((a) => (
                <tr key={a.id}>
                  <td><TimeAgo date={a.createdAt} /></td>
                  <td>{a.actor}</td>
                  <td className="font-mono text-xs">{a.sourceIp ?? "—"}</td>
                  <td className="font-mono">{a.action}</td>
                  <td className="text-xs">
                    <AuditTargetCell type={a.targetType} target={a.targetId ? targets.get(`${a.targetType}:${a.targetId}`) : undefined} id={a.targetId} />
                  </td>
                  <td className="max-w-xl align-top text-xs whitespace-normal">
                    <AuditChanges changes={a.changes} action={a.action} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {page.nextCursor ? <Link className="text-sm text-sky-700 hover:underline dark:text-sky-400" href={`/audit?${new URLSearchParams({ ...raw, cursor: page.nextCursor })}`}>Older »</Link> : null}
      </div>
    </>
  );
}
