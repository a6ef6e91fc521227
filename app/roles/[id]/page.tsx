import { NotAllowedNote } from "@/components/auth/read-only";
import { WhenAllowed } from "@/components/auth/when-allowed";
import { consoleCan } from "@/lib/auth/console";
import Link from "next/link";
import { DesiredVersion } from "@/components/roles/desired-version";
import { RoleEditForm } from "@/components/roles/role-edit-form";
import { RoleMachines } from "@/components/roles/role-machines";
import { StateCounts } from "@/components/roles/state-counts";
import { buttonClass } from "@/components/ui/button";
import { DeleteButton } from "@/components/ui/delete-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listVersionChoices } from "@/lib/images/queries";
import { getRoleOrThrow, listRoleMachines } from "@/lib/roles/queries";
import { pageLoader } from "@/lib/http/page-load";
import { deleteRoleAction, updateRoleAction } from "../actions";

const LINK = "text-sky-700 hover:underline dark:text-sky-400";

const loadRole = pageLoader(getRoleOrThrow);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const role = await loadRole((await params).id);
  return { title: `Role ${role.name}` };
}

export default async function RolePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const role = await loadRole(id);
  const [machines, choices, canEdit] = await Promise.all([listRoleMachines(role.id), listVersionChoices(), consoleCan("administer")]);
  return (
    <>
      <PageHeader
        title={`Role ${role.name}`}
        subtitle={<Link href="/roles" className="hover:underline">← All roles</Link>}
        actions={
          <>
            <WhenAllowed permission="operate">
              <Link href={`/rollouts/new?${new URLSearchParams({ role: role.name })}`} className={buttonClass()} title={`Reboot ${role.name}'s machines in batches onto its desired version`}>
                Roll out
              </Link>
            </WhenAllowed>
            <WhenAllowed permission="administer"><DeleteButton action={deleteRoleAction.bind(null, role.id)} what={`role ${role.name}`} /></WhenAllowed>
          </>
        }
      />
      <div className="space-y-8 p-6">
        <dl className="flex flex-wrap gap-x-10 gap-y-2 text-sm">
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Desired version</dt>
            <dd>
              <DesiredVersion label={role.imageVersion} status={role.imageVersionStatus} />
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Machines ({role.machines.total})</dt>
            <dd>
              <StateCounts counts={role.machines} />
            </dd>
          </div>
        </dl>
        <Section title="Settings">
          <div className="max-w-5xl">
            <RoleEditForm
              action={updateRoleAction.bind(null, role.id, role.name)}
              role={role}
              choices={choices}
              readOnly={canEdit ? undefined : <NotAllowedNote permission="administer" what="change roles" />}
            />
          </div>
        </Section>
        <Section
          title={machines.total > machines.items.length ? `Machines (first ${machines.items.length} of ${machines.total})` : `Machines (${machines.total})`}
          actions={machines.total > 0 ? <Link className={`text-sm ${LINK}`} href={`/machines?role=${role.name}`}>Open in Machines →</Link> : null}
        >
          {machines.total === 0 ? (
            <EmptyState title="No machines in this role">
              Onboard machines on the <Link className={LINK} href="/machines">Machines</Link> page and pick this role; deleting the role is only possible while it has none.
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <RoleMachines machines={machines.items} desired={role.imageVersion} />
            </div>
          )}
        </Section>
      </div>
    </>
  );
}
