"use client";

import { useActionState } from "react";
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
  return { state, formAction, pending, formKey: `round-${state.round}` };
}
