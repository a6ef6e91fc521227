"use client";

import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";

export interface VersionValues {
  version: string;
  status: string;
  kernelPath: string;
  initrdPath: string;
  squashfsPath: string;
  sha256: string | null;
  sizeBytes: number | string | null;
  notes: string;
}

const STATUS_OPTIONS = [
  { value: "candidate", label: "candidate" },
  { value: "stable", label: "stable" },
  { value: "retired", label: "retired" },
];

/** Adds a version (no `version` prop) or edits one; `example` suggests paths for a new one. */
export function VersionForm({
  action,
  version,
  example = "debian/2026.11.0",
  submitLabel,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  version?: VersionValues;
  example?: string;
  submitLabel: string;
}) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  const val = (name: keyof VersionValues) => v?.[name] ?? (version?.[name] === null ? "" : version?.[name]?.toString());
  return (
    <form action={formAction} className="space-y-3" key={formKey}>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="version" label="Version" required placeholder="2026.11.0" defaultValue={val("version")} error={e.version} />
        <SelectField name="status" label="Status" options={STATUS_OPTIONS} defaultValue={val("status") ?? "candidate"} error={e.status} hint="Candidate: being tried; stable: fleet-wide; retired: history." />
        <TextField
          name="sizeBytes"
          label="Size in bytes"
          inputMode="numeric"
          placeholder="183500800"
          defaultValue={val("sizeBytes")}
          error={e.sizeBytes}
          hint="Of the squashfs; optional."
        />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">Paths are relative to every mirror&apos;s base URL, without a leading /.</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField name="kernelPath" label="Kernel path" required placeholder={`${example}/vmlinuz`} defaultValue={val("kernelPath")} error={e.kernelPath} />
        <TextField name="initrdPath" label="Initrd path" required placeholder={`${example}/initrd.img`} defaultValue={val("initrdPath")} error={e.initrdPath} />
        <TextField
          name="squashfsPath"
          label="Squashfs path"
          required
          placeholder={`${example}/filesystem.squashfs`}
          defaultValue={val("squashfsPath")}
          error={e.squashfsPath}
          hint="Must end in .squashfs."
        />
      </div>
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr]">
        <TextField
          name="sha256"
          label="SHA-256"
          placeholder="64 hex digits from sha256sum"
          defaultValue={val("sha256")}
          error={e.sha256}
          hint="Of the squashfs; optional. Machines report the checksum they booted."
        />
        <TextAreaField name="notes" label="Notes" rows={2} defaultValue={val("notes")} error={e.notes} />
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
