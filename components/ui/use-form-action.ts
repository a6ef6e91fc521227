"use client";

import { useActionState, useEffect } from "react";
import { initialFormState, type FormState } from "@/lib/forms/state";

type FormAction = (prev: FormState, fd: FormData) => Promise<FormState>;

/**
 * useActionState for a console form, plus a key that changes with every answer; put it on
 * the <form>. React resets a form once its action has run, and form.reset() puts a <select>
 * back on the option it was first rendered with, not on the value echoed back after an
 * error or just saved, so a later save would quietly revert it. Remounting renders every
 * field from its current defaultValue instead, and empties a create form after success.
 */
export function useFormAction(action: FormAction) {
  const [state, formAction, pending] = useActionState(
    async (prev: FormState & { round: number }, fd: FormData) => {
      const { round, ...previous } = prev;
      return { ...(await action(previous, fd)), round: round + 1 };
    },
    { ...initialFormState, round: 0 },
  );
  // After an answer with field errors, the keyboard lands on the first field at fault
  // (the form has just been remounted, so focus would otherwise be lost to the page).
  const invalid = state.round > 0 && !state.ok && Object.keys(state.fieldErrors ?? {}).length > 0;
  useEffect(() => {
    if (invalid) document.querySelector<HTMLElement>(`form [aria-invalid="true"]`)?.focus();
  }, [invalid, state.round]);
  return { state, formAction, pending, formKey: `round-${state.round}` };
}
