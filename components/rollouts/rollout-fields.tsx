import type { ReactNode } from "react";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";

export interface RoleChoice {
  name: string;
  imageVersion: string | null;
  machines: number;
}

export interface FieldChoices {
  roles: RoleChoice[];
  racks: string[];
  versions: { ref: string; status: string }[];
  timezones: string[];
}

const POWER = [
  { value: "", label: "—" },
  { value: "redfish", label: "Redfish" },
  { value: "ipmi", label: "IPMI" },
  { value: "ssh", label: "SSH" },
];

function Group({ legend, error, children, hint }: { legend: string; error?: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="space-y-3 rounded border border-zinc-200 p-4 dark:border-zinc-800">
      <legend className="px-1 text-sm font-semibold text-zinc-700 dark:text-zinc-300">{legend}</legend>
      {hint ? <p className="-mt-1 text-xs text-zinc-500 dark:text-zinc-400">{hint}</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
      {children}
    </fieldset>
  );
}

/**
 * The rollout form's fields, uncontrolled: named as rolloutFormToInput reads them, filled
 * from `defaults`, each with its error from `errors` (keyed by form field).
 */
export function RolloutFields({ defaults: d, errors: e, choices, role }: { defaults: Record<string, string>; errors: Record<string, string>; choices: FieldChoices; role: string }) {
  const chosen = choices.roles.find((r) => r.name === role);
  const roleOptions = [{ value: "", label: "— any role —" }, ...choices.roles.map((r) => ({ value: r.name, label: `${r.name} (${r.machines.toLocaleString("en")})` }))];
  const versions = d.imageVersion && !choices.versions.some((v) => v.ref === d.imageVersion) ? [...choices.versions, { ref: d.imageVersion, status: "not found" }] : choices.versions;
  // The chosen role's own image first; another image's versions are offered, but say so.
  const image = chosen?.imageVersion ? chosen.imageVersion.slice(0, chosen.imageVersion.indexOf(":") + 1) : null;
  const ours = (ref: string) => !image || ref.startsWith(image);
  const ordered = [...versions.filter((v) => ours(v.ref)), ...versions.filter((v) => !ours(v.ref))];
  const versionOptions = [
    { value: "", label: "— keep the desired version —" },
    ...ordered.map((v) => ({ value: v.ref, label: `${v.ref} (${v.status}${ours(v.ref) ? "" : `, not ${chosen!.name}'s image`})` })),
  ];
  return (
    <>
      <TextField name="name" label="Name" defaultValue={d.name} error={e.name} placeholder={role ? `${role} onto the new image` : "optional"} hint="Optional: how the rollout is listed; left empty, it is named after what it reboots and onto what." autoComplete="off" />
      <Group legend="Machines" error={e.selector} hint="Every condition you fill in must hold.">
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField name="role" label="Role" options={roleOptions} defaultValue={d.role ?? ""} error={e.role} />
          <TextField name="rack" label="Rack" list="rollout-racks" defaultValue={d.rack} error={e.rack} placeholder="any" autoComplete="off" />
          <TextField name="tag" label="Tag" defaultValue={d.tag} error={e.tag} placeholder="any" autoComplete="off" />
        </div>
        <datalist id="rollout-racks">
          {choices.racks.map((r) => (
            <option key={r} value={r} />
          ))}
        </datalist>
        <TextAreaField name="machines" label="Hostnames" rows={4} defaultValue={d.machines} error={e.machines} hint="Optional: one per line, or separated by commas or spaces." spellCheck={false} />
      </Group>

      <Group legend="Image version">
        <SelectField
          name="imageVersion"
          label="Target version"
          options={versionOptions}
          defaultValue={d.imageVersion ?? ""}
          error={e.imageVersion}
          hint={
            <>
              Optional. When the rollout starts it becomes the role&apos;s desired version, so each machine boots it as it reboots (the machines must be of one role).
              {chosen ? <> Role {chosen.name} boots {chosen.imageVersion ? <span className="font-mono">{chosen.imageVersion}</span> : "no version"} now.</> : null}
            </>
          }
        />
      </Group>

      <Group legend="Batches">
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name="batchSize" label="Batch size" required defaultValue={d.batchSize ?? "10%"} error={e.batchSize} hint="A count like 5, or 10% of the machines." autoComplete="off" />
          <TextField name="maxUnavailable" label="Max unavailable" type="number" min={1} defaultValue={d.maxUnavailable} error={e.maxUnavailable} hint="Of the role at once, counting machines already down." />
          <TextField name="perRack" label="Per rack" type="number" min={1} defaultValue={d.perRack} error={e.perRack} hint="At most this many of one rack at once." />
        </div>
        <div className="grid items-start gap-3 sm:grid-cols-[1fr_10rem]">
          <CheckboxField name="canary" label="Start with a canary batch" defaultChecked={d.canary === "on"} hint="It reboots first; the rest waits until it is healthy and an operator approves." />
          <TextField name="canarySize" label="Canary size" type="number" min={1} defaultValue={d.canarySize ?? "1"} error={e.canarySize} />
        </div>
      </Group>

      <Group legend="Health">
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name="healthTimeoutSeconds" label="Health timeout (s)" type="number" min={10} required defaultValue={d.healthTimeoutSeconds ?? "900"} error={e.healthTimeoutSeconds} hint="To boot, report in and deploy." />
          <TextField name="minHealthySeconds" label="Minimum healthy (s)" type="number" min={0} defaultValue={d.minHealthySeconds ?? "0"} error={e.minHealthySeconds} hint="Stays healthy this long before it counts." />
          <TextField name="failureThreshold" label="Failure threshold" type="number" min={1} required defaultValue={d.failureThreshold ?? "1"} error={e.failureThreshold} hint="Failed machines that pause the rollout." />
        </div>
      </Group>

      <Group legend="Maintenance window" error={e.window} hint="Optional: new reboots start only inside this daily window; empty means any time.">
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name="windowStart" label="Start" type="time" defaultValue={d.windowStart} error={e.windowStart} />
          <TextField name="windowEnd" label="End" type="time" defaultValue={d.windowEnd} error={e.windowEnd} />
          <TextField name="windowTimezone" label="Time zone" list="rollout-timezones" defaultValue={d.windowTimezone ?? "UTC"} error={e.windowTimezone} autoComplete="off" />
        </div>
        <datalist id="rollout-timezones">
          {choices.timezones.map((tz) => (
            <option key={tz} value={tz} />
          ))}
        </datalist>
      </Group>

      <Group legend="Power order" error={e.powerOrder} hint="How machines are rebooted, tried in this order. Empty: each machine's own BMC; SSH reboots through the machine's own address.">
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField name="power1" label="First" options={POWER} defaultValue={d.power1 ?? ""} />
          <SelectField name="power2" label="Second" options={POWER} defaultValue={d.power2 ?? ""} />
          <SelectField name="power3" label="Third" options={POWER} defaultValue={d.power3 ?? ""} />
        </div>
      </Group>
    </>
  );
}
