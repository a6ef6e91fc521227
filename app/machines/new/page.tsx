import { EditableBy } from "@/components/auth/read-only";
import Link from "next/link";
import { MachineForm } from "@/components/machines/machine-form";
import { PageHeader } from "@/components/ui/page-header";
import { listRoleNames, listSubnetChoices } from "@/lib/machines/queries";
import { createMachineAction } from "../actions";

export const metadata = { title: "Add machine" };

export default async function NewMachinePage() {
  const [roles, subnets] = await Promise.all([listRoleNames(), listSubnetChoices()]);
  return (
    <>
      <PageHeader title="Add a machine" subtitle={<Link href="/machines" className="hover:underline">← All machines</Link>} />
      <div className="max-w-5xl p-6">
        <EditableBy permission="operate" what="add machines">
          <MachineForm action={createMachineAction} roles={roles} subnets={subnets} submitLabel="Add machine" />
        </EditableBy>
      </div>
    </>
  );
}
