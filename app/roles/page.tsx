import { WhenAllowed } from "@/components/auth/when-allowed";
import Link from "next/link";
import { RoleCreateForm } from "@/components/roles/role-create-form";
import { RoleTable } from "@/components/roles/role-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listVersionChoices } from "@/lib/images/queries";
import { listRoles } from "@/lib/roles/queries";
import { createRoleAction } from "./actions";

export const metadata = { title: "Roles" };

const LINK = "text-sky-700 hover:underline dark:text-sky-400";

export default async function RolesPage() {
  const [roles, choices] = await Promise.all([listRoles(), listVersionChoices()]);
  return (
    <>
      <PageHeader
        title="Roles"
        subtitle="What a machine is for: the image version it boots, extra kernel arguments, and the playbook that configures it once it reports in."
      />
      <div className="space-y-8 p-6">
        <Section title={`${roles.length} role${roles.length === 1 ? "" : "s"}`}>
          {roles.length === 0 ? (
            <EmptyState title="No roles yet">
              Create one below, e.g. &ldquo;storage&rdquo;, then give it a desired image version and onboard machines into it.
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <RoleTable roles={roles} />
            </div>
          )}
        </Section>
        <WhenAllowed permission="administer">
        <Section title="New role">
          <div className="max-w-3xl space-y-3">
            <RoleCreateForm action={createRoleAction} choices={choices} />
            <p className="text-xs text-zinc-500 dark:text-zinc-400">
              {choices.length === 0 ? (
                <>
                  No image versions exist yet; <Link className={LINK} href="/images">add one on Images</Link> to give the role something to boot.
                </>
              ) : (
                "Only a name is required. Kernel arguments, the playbook and the deploy command are set on the role's page."
              )}
            </p>
          </div>
        </Section>
        </WhenAllowed>
      </div>
    </>
  );
}
