"use client";

import { Button } from "@/components/ui/button";
import { CheckboxField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { FormState } from "@/lib/forms/action";
import { useFormAction } from "@/components/ui/use-form-action";

interface MirrorValues {
  name: string;
  baseUrl: string;
  weight: number;
  enabled: boolean;
  site: string | null;
  rack: string | null;
}

export function MirrorForm({
  action,
  mirror,
  submitLabel,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  mirror?: MirrorValues;
  submitLabel: string;
}) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" key={formKey}>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          name="baseUrl"
          label="Base URL"
          required
          placeholder="http://10.0.0.5/images"
          defaultValue={v?.baseUrl ?? mirror?.baseUrl}
          error={e.baseUrl}
          hint="Image paths are appended to this. Use an IP address: live-boot fetches squashfs by IP."
        />
        <TextField name="name" label="Name" defaultValue={v?.name ?? mirror?.name} error={e.name} hint="Defaults to the host." />
        <TextField name="weight" label="Weight" inputMode="numeric" defaultValue={v?.weight ?? mirror?.weight ?? 100} error={e.weight} hint="Relative share of boot downloads." />
        <TextField name="site" label="Site" defaultValue={v?.site ?? mirror?.site ?? ""} error={e.site} />
        <TextField name="rack" label="Rack" defaultValue={v?.rack ?? mirror?.rack ?? ""} error={e.rack} />
      </div>
      <input type="hidden" name="enabled" value="false" />
      <CheckboxField name="enabled" label="Enabled" defaultChecked={v ? v.enabled === "on" : (mirror?.enabled ?? true)} hint="Disabled mirrors are left out of boot scripts." />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
