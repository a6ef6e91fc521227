import { WhenAllowed } from "@/components/auth/when-allowed";
import Link from "next/link";
import { SubnetForm } from "@/components/subnets/subnet-form";
import { SubnetTable } from "@/components/subnets/subnet-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listSubnets } from "@/lib/subnets/queries";
import { createSubnetAction } from "./actions";

export const metadata = { title: "Subnets" };

export default async function SubnetsPage() {
  const subnets = await listSubnets();
  return (
    <>
      <PageHeader
        title="Subnets"
        subtitle="Networks the machines boot on: what DHCP hands out, and the pool new machines get their addresses from."
      />
      <div className="space-y-8 p-6">
        <Section title={`${subnets.length} subnet${subnets.length === 1 ? "" : "s"}`}>
          {subnets.length === 0 ? (
            <EmptyState title="No subnets yet">
              Add the network your machines boot on below. With an address pool, onboarding gives each new machine an IP by itself.
            </EmptyState>
          ) : (
            <SubnetTable subnets={subnets} />
          )}
        </Section>
        <WhenAllowed permission="administer">
        <Section title="New subnet">
          <div className="max-w-3xl">
            <SubnetForm action={createSubnetAction} submitLabel="Add subnet" />
            <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
              Only a name and a CIDR are required; DHCP configs leave out what is not set. See also{" "}
              <Link href="/mirrors" className="text-sky-700 hover:underline dark:text-sky-400">mirrors</Link>, where boot images are fetched from.
            </p>
          </div>
        </Section>
        </WhenAllowed>
      </div>
    </>
  );
}
