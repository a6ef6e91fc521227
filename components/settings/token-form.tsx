"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

export function TokenForm({ action, roles }: { action: (prev: FormState, fd: FormData) => Promise<FormState>; roles: string[] }) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const e = state.fieldErrors ?? {};
  return (
    <div className="space-y-3">
      <form key={formKey} action={formAction} className="grid max-w-3xl gap-3 sm:grid-cols-4 sm:items-end">
        <TextField name="name" label="Name" placeholder="ci-pipeline" required error={e.name} />
        <SelectField name="role" label="Role" options={roles.map((r) => ({ value: r, label: r }))} defaultValue={roles[0]} error={e.role} />
        <TextField name="expiresInDays" label="Expires in (days)" inputMode="numeric" placeholder="never" error={e.expiresInDays} />
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create token"}</Button>
      </form>
      <FormStatus state={state} />
      {state.ok && state.values?.secret ? (
        <p className="font-mono text-sm">
          <span className="sr-only">New token: </span>
          <code aria-label="New token" className="rounded bg-zinc-100 px-2 py-1 select-all dark:bg-zinc-800">{state.values.secret}</code>
        </p>
      ) : null}
    </div>
  );
}
