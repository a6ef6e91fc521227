"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";
import { VersionSelect, type VersionChoice } from "./version-select";

export function RoleCreateForm({ action, choices }: { action: (prev: FormState, fd: FormData) => Promise<FormState>; choices: VersionChoice[] }) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" key={formKey}>
      <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
        <TextField name="name" label="Name" required placeholder="storage" defaultValue={v?.name} error={e.name} hint="Lower-case letters, digits and hyphens." />
        <TextField name="description" label="Description" placeholder="Ceph OSD hosts" defaultValue={v?.description} error={e.description} />
      </div>
      <div className="max-w-md">
        <VersionSelect choices={choices} defaultValue={v?.imageVersion} error={e.imageVersion} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create role"}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
