"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

export function LoginForm({ action, next }: { action: (prev: FormState, fd: FormData) => Promise<FormState>; next?: string }) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const e = state.fieldErrors ?? {};
  return (
    <form key={formKey} action={formAction} className="space-y-4">
      <input type="hidden" name="next" value={next ?? "/"} />
      <TextField name="email" label="Email" type="email" autoComplete="username" autoFocus required defaultValue={state.values?.email} error={e.email} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required error={e.password} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Logging in…" : "Log in"}</Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
