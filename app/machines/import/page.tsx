import Link from "next/link";
import { WhenAllowed } from "@/components/auth/when-allowed";
import { ImportForm } from "@/components/onboarding/import-form";
import { InboxNotice } from "@/components/onboarding/inbox-notice";
import { PageHeader } from "@/components/ui/page-header";
import { listRacks, listRoleNames, listSubnetChoices, usualSubnetByRole } from "@/lib/machines/queries";
import { prefillFromMacs, prefillMacs } from "@/lib/onboarding/prefill";
import { DEFAULT_TEMPLATE } from "@/lib/onboarding/template";
import { countUnknownMacs, subnetOfUnknownMacs } from "@/lib/unknown-macs/queries";
import { commitImportAction, previewImportAction } from "./actions";

export const metadata = { title: "Add machines" };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ImportMachinesPage({ searchParams }: { searchParams: Search }) {
  const { macs } = await searchParams;
  const asked = typeof macs === "string" ? macs : "";
  // MACs from the inbox default to the subnet they asked to boot from.
  const [roles, subnets, racks, inbox, askedFrom, roleSubnets] = await Promise.all([listRoleNames(), listSubnetChoices(), listRacks(), countUnknownMacs(), subnetOfUnknownMacs(prefillMacs(asked)), usualSubnetByRole()]);
  return (
    <>
      <PageHeader
        title="Add machines"
        subtitle={<Link href="/machines" className="hover:underline">← All machines</Link>}
        actions={<Link href="/machines/new" className="text-sm text-sky-700 hover:underline dark:text-sky-400">Add one machine with all its details</Link>}
      />
      <div className="max-w-6xl space-y-5 p-6">
        <WhenAllowed permission="operate" fallback={<p role="alert" className="text-sm">Adding machines needs the operator role. Ask an admin.</p>}>
          <InboxNotice count={inbox} />
          <ImportForm
            preview={previewImportAction}
            commit={commitImportAction}
            roles={roles}
            subnets={subnets}
            racks={racks}
            roleSubnets={roleSubnets}
            initialText={prefillFromMacs(asked)}
            initialDefaults={{ role: "", subnet: askedFrom ?? (subnets.length === 1 ? subnets[0].name : ""), rack: "", hostnameTemplate: DEFAULT_TEMPLATE }}
          />
        </WhenAllowed>
      </div>
    </>
  );
}
