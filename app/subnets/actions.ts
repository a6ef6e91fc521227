"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { consoleActor } from "@/lib/auth/console";
import { runDeleteAction, runFormAction, type FormState } from "@/lib/forms/action";
import { createSubnet, deleteSubnet, updateSubnet } from "@/lib/subnets/mutations";
import { getSubnetOrThrow } from "@/lib/subnets/queries";
import { subnetCreateSchema, subnetEditSchema } from "@/lib/subnets/schema";

export async function createSubnetAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, subnetCreateSchema, async (input) => {
    const subnet = await createSubnet(input, await consoleActor("administer"));
    revalidatePath("/subnets");
    return `Subnet ${subnet.name} added.`;
  });
}

export async function updateSubnetAction(id: string, _prev: FormState, fd: FormData): Promise<FormState> {
  // Checked against the stored subnet so that, e.g., a gateway left outside a new CIDR
  // is reported next to the gateway field rather than as a bare message.
  const current = await getSubnetOrThrow(id);
  return runFormAction(fd, subnetEditSchema(current), async (input) => {
    await updateSubnet(id, input, await consoleActor("administer"));
    revalidatePath("/subnets");
    revalidatePath(`/subnets/${id}`);
  }, { emptyAs: null });
}

export async function deleteSubnetAction(id: string) {
  const failed = await runDeleteAction(async () => deleteSubnet(id, await consoleActor("administer")));
  if (failed) return failed;
  revalidatePath("/subnets");
  redirect("/subnets");
}
