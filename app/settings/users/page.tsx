import { redirect } from "next/navigation";
import { UserForm } from "@/components/settings/user-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { getConsoleUser } from "@/lib/auth/console";
import { listUsers } from "@/lib/auth/users";
import { PasswordForm } from "@/components/settings/password-form";
import { createUserAction, setDisabledAction, setPasswordAction, setRoleAction } from "../actions";

export const metadata = { title: "Users" };

export default async function UsersPage() {
  const me = await getConsoleUser();
  if (!me) redirect("/login");
  if (me.role !== "admin") {
    return <PageHeader title="Users" subtitle="Only admins manage users." />;
  }
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" subtitle="Viewers read everything but secrets; operators onboard, redeploy and roll; admins also manage users, tokens and the fleet's definitions." />
      <div className="space-y-8 p-6">
        <table className="data-table">
          <thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Status</th><th>Created</th><th /></tr></thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td className="font-medium">{u.email}</td>
                <td>{u.name || "—"}</td>
                <td>
                  {u.id === me.id ? (
                    // An admin cannot demote themselves; a menu that cannot change would only mislead.
                    <span title="another admin can change your role">{u.role} <span className="text-zinc-500 dark:text-zinc-400">(you)</span></span>
                  ) : (
                    <form action={setRoleAction.bind(null, u.id)} className="flex items-center gap-2">
                      <select name="role" defaultValue={u.role} aria-label={`Role of ${u.email}`} className="rounded border border-zinc-300 bg-white px-1 py-0.5 text-sm dark:border-zinc-700 dark:bg-zinc-900">
                        <option value="viewer">viewer</option>
                        <option value="operator">operator</option>
                        <option value="admin">admin</option>
                      </select>
                      <button type="submit" className="text-xs text-sky-700 hover:underline dark:text-sky-400">Set</button>
                    </form>
                  )}
                </td>
                <td>{u.disabledAt ? <Badge tone="gray">disabled</Badge> : <Badge tone="green">active</Badge>}</td>
                <td><TimeAgo date={u.createdAt} /></td>
                <td>
                  {u.id === me.id ? null : (
                    <div className="flex items-start gap-3">
                      <form action={async () => { "use server"; await setDisabledAction(u.id, !u.disabledAt); }}>
                        <Button type="submit" variant="secondary">{u.disabledAt ? "Enable" : "Disable"}</Button>
                      </form>
                      <PasswordForm email={u.email} action={setPasswordAction.bind(null, u.id)} />
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Section title="New user"><UserForm action={createUserAction} /></Section>
      </div>
    </>
  );
}
