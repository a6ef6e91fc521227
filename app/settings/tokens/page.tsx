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
