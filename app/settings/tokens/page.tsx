import { redirect } from "next/navigation";
import { TokenForm } from "@/components/settings/token-form";
import { Badge } from "@/components/ui/badge";
import { DeleteButton } from "@/components/ui/delete-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { getConsoleUser } from "@/lib/auth/console";
import { ROLES, rank } from "@/lib/auth/permissions";
import { listApiTokens } from "@/lib/auth/tokens";
import { createTokenAction, revokeTokenAction } from "../actions";

export const metadata = { title: "API tokens" };

export default async function TokensPage() {
  const user = await getConsoleUser();
  if (!user) redirect("/login");
  const isAdmin = user.role === "admin";
  const tokens = isAdmin ? await listApiTokens() : [];
  return (
    <>
      <PageHeader title="API tokens" subtitle="For automation: send Authorization: Bearer <token>. A token never has more rights than the user who made it." />
      <div className="space-y-8 p-6">
        <Section title="New token">
          <TokenForm action={createTokenAction} roles={ROLES.filter((r) => rank(r) <= rank(user.role))} />
        </Section>
        {isAdmin && process.env.FLEETBOOT_ADMIN_TOKEN ? (
          <p className="max-w-3xl rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200">
            <span className="font-medium">FLEETBOOT_ADMIN_TOKEN is set</span> on this console: whoever sends it has admin rights, recorded in the
            audit log as &ldquo;admin token&rdquo;. It is not listed below and cannot be revoked here; remove it from the console&apos;s environment
            and restart to turn it off, and use tokens made here instead.
          </p>
        ) : null}
        {isAdmin ? (
          <Section title="All tokens">
            {tokens.length === 0 ? (
              <EmptyState title="No tokens yet">Create one above for a script or CI job.</EmptyState>
            ) : (
              <table className="data-table">
                <thead><tr><th>Name</th><th>Prefix</th><th>Role</th><th>Owner</th><th>Created</th><th>Last used</th><th>Status</th><th /></tr></thead>
                <tbody>
                  {tokens.map((t) => (
                    <tr key={t.id}>
                      <td className="font-medium">{t.name}</td>
                      <td className="font-mono">{t.prefix}…</td>
                      <td>{t.role}</td>
                      <td>{t.user?.email ?? "—"}</td>
                      <td><TimeAgo date={t.createdAt} /></td>
                      <td><TimeAgo date={t.lastUsedAt} /></td>
                      <td>{t.revokedAt ? <Badge tone="gray">revoked</Badge> : t.expiresAt && t.expiresAt < new Date() ? <Badge tone="amber">expired</Badge> : <Badge tone="green">active</Badge>}</td>
                      <td>{t.revokedAt ? null : <DeleteButton action={revokeTokenAction.bind(null, t.id)} what={`token ${t.name}`} />}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Section>
        ) : null}
      </div>
    </>
  );
}
