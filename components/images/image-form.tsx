"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

export function ImageForm({
  action,
  image,
  submitLabel,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  image?: { name: string; description: string };
  submitLabel: string;
}) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" key={formKey}>
      <div className="grid gap-3 sm:grid-cols-[16rem_1fr]">
        <TextField
          name="name"
          label="Name"
          required
          placeholder="debian-storage"
          defaultValue={v?.name ?? image?.name}
          error={e.name}
          hint="Lower-case letters, digits, . _ -"
        />
        <TextField
          name="description"
          label="Description"
          placeholder="Debian 12 live image for the storage role"
          defaultValue={v?.description ?? image?.description}
          error={e.description}
        />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
