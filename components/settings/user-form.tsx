"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

export function UserForm({ action }: { action: (prev: FormState, fd: FormData) => Promise<FormState> }) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  return (
    <form key={formKey} action={formAction} className="space-y-3">
      <div className="grid max-w-4xl gap-3 sm:grid-cols-4">
        <TextField name="email" label="Email" type="email" required defaultValue={v?.email} error={e.email} />
        <TextField name="name" label="Name" defaultValue={v?.name} error={e.name} />
        <SelectField name="role" label="Role" defaultValue={v?.role ?? "viewer"} error={e.role} options={["viewer", "operator", "admin"].map((r) => ({ value: r, label: r }))} />
        <TextField name="password" label="Initial password" type="password" autoComplete="new-password" required error={e.password} hint="At least 12 characters." />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create user"}</Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
