"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

export function SetupForm({ action, token }: { action: (prev: FormState, fd: FormData) => Promise<FormState>; token: string }) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const e = state.fieldErrors ?? {};
  return (
    <form key={formKey} action={formAction} className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField name="email" label="Email" type="email" autoComplete="username" required defaultValue={state.values?.email} error={e.email} />
      <TextField name="name" label="Name" defaultValue={state.values?.name} error={e.name} />
      <TextField name="password" label="Password" type="password" autoComplete="new-password" required error={e.password} hint="At least 12 characters." />
      <TextField name="confirm" label="Repeat the password" type="password" autoComplete="new-password" required error={e.confirm} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Creating…" : "Create admin and log in"}</Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
