import { EditableBy } from "@/components/auth/read-only";
import Link from "next/link";
import { MachineForm } from "@/components/machines/machine-form";
import { PageHeader } from "@/components/ui/page-header";
import { listRoleNames, listSubnetChoices } from "@/lib/machines/queries";
import { updateMachineAction } from "../../actions";
import { loadMachine } from "../page";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: `Edit ${(await loadMachine((await params).id)).hostname}` };
}

export default async function EditMachinePage({ params }: { params: Promise<{ id: string }> }) {
  const m = await loadMachine((await params).id);
  const [roles, subnets] = await Promise.all([listRoleNames(), listSubnetChoices()]);
  return (
    <>
      <PageHeader title={`Edit ${m.hostname}`} subtitle={<Link href={`/machines/${m.hostname}`} className="hover:underline">← Back to {m.hostname}</Link>} />
      <div className="max-w-5xl p-6">
        <EditableBy permission="operate" what="edit machines">
          <MachineForm action={updateMachineAction.bind(null, m.id)} machine={m} roles={roles} subnets={subnets} submitLabel="Save changes" />
        </EditableBy>
      </div>
    </>
  );
}
