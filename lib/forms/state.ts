// What a console form's server action answers (shared with client components, so no
// server-only imports here).
export interface FormState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** Set on success; a form keyed on it starts empty again after a create. */
  savedAt?: number;
}

export const initialFormState: FormState = { ok: false };
