import { SelectField } from "@/components/ui/field";

export interface VersionChoice {
  ref: string;
  status: string;
}

/** The desired-version picker: every version as "image:version (status)", grouped by image in order. */
export function VersionSelect({ choices, defaultValue, error }: { choices: VersionChoice[]; defaultValue?: string; error?: string }) {
  const options = [
    { value: "", label: "— none —" },
    ...choices.map((c) => ({ value: c.ref, label: `${c.ref} (${c.status})` })),
  ];
  return (
    <SelectField
      name="imageVersion"
      label="Desired version"
      options={options}
      defaultValue={defaultValue ?? ""}
      error={error}
      hint="What its machines boot from now on. Changing it reboots nothing: a rollout does that."
    />
  );
}
