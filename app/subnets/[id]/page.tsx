import { EditableBy } from "@/components/auth/read-only";
import { WhenAllowed } from "@/components/auth/when-allowed";
import Link from "next/link";
import { PoolUsage } from "@/components/subnets/subnet-table";
import { SubnetForm } from "@/components/subnets/subnet-form";
import { DeleteButton } from "@/components/ui/delete-button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { getSubnetWithUsageOrThrow } from "@/lib/subnets/queries";
import { pageLoader } from "@/lib/http/page-load";
import { deleteSubnetAction, updateSubnetAction } from "../actions";

const loadSubnet = pageLoader(getSubnetWithUsageOrThrow);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const subnet = await loadSubnet((await params).id);
  return { title: `Subnet ${subnet.name}` };
}

export default async function SubnetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const subnet = await loadSubnet(id);
  const machines = subnet.machineCount;
  return (
    <>
      <PageHeader
        title={`Subnet ${subnet.name}`}
        subtitle={<Link href="/subnets" className="hover:underline">← All subnets</Link>}
        actions={<WhenAllowed permission="administer"><DeleteButton action={deleteSubnetAction.bind(null, subnet.id)} what={`subnet ${subnet.name}`} /></WhenAllowed>}
      />
      <div className="max-w-3xl space-y-8 p-6">
        <dl className="grid grid-cols-3 gap-4 text-sm">
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">CIDR</dt>
            <dd className="font-mono">{subnet.cidr}</dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Machines</dt>
            <dd>
              {/* The machines list has no subnet filter yet, so this stays a plain count. */}
              <span className="tabular-nums">
                {machines.toLocaleString("en")} machine{machines === 1 ? "" : "s"}
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Pool addresses used</dt>
            <dd>
              <PoolUsage used={subnet.poolUsed} size={subnet.poolSize} />
            </dd>
          </div>
        </dl>
        <Section title="Settings">
          <EditableBy permission="administer" what="change subnets">
            <SubnetForm action={updateSubnetAction.bind(null, subnet.id)} subnet={subnet} submitLabel="Save changes" />
          </EditableBy>
        </Section>
      </div>
    </>
  );
}
