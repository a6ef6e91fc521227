"use client";

import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

/** An admin sets another user's password, folded away until asked for. */
export function PasswordForm({ email, action }: { email: string; action: (prev: FormState, fd: FormData) => Promise<FormState> }) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const error = state.fieldErrors?.password;
  const id = `password-${email}`;
  return (
    <details className="text-sm" open={!state.ok && state.message !== undefined}>
      <summary className="cursor-pointer text-sky-700 hover:underline dark:text-sky-400">Set password…</summary>
      <form key={formKey} action={formAction} className="mt-2 flex flex-wrap items-start gap-2">
        <span className="space-y-1">
          <label htmlFor={id} className="sr-only">New password for {email}</label>
          <input
            id={id}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={12}
            placeholder="new password, 12+ characters"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className="w-56 rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900 aria-invalid:border-red-500"
          />
          {error ? <span id={`${id}-error`} className="block text-xs text-red-600 dark:text-red-400">{error}</span> : null}
        </span>
        <Button type="submit" variant="secondary" disabled={pending}>{pending ? "Setting…" : "Set"}</Button>
        <FormStatus state={state} />
      </form>
    </details>
  );
}
