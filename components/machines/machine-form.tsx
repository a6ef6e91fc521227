"use client";

import { Button } from "@/components/ui/button";
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { FormState } from "@/lib/forms/action";
import { useFormAction } from "@/components/ui/use-form-action";
import type { MachineDto } from "@/lib/machines/dto";

type Action = (prev: FormState, fd: FormData) => Promise<FormState>;

function firstError(errors: Record<string, string>, prefix: string): string | undefined {
  return errors[prefix] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`))?.[1];
}

export function MachineForm({
  action,
  machine,
  roles,
  subnets,
  submitLabel,
}: {
  action: Action;
  machine?: MachineDto;
  roles: string[];
  subnets: { name: string; cidr: string }[];
  submitLabel: string;
}) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.values;
  const e = state.fieldErrors ?? {};
  const val = (key: string, fallback: string | number | null | undefined) => v?.[key] ?? (fallback == null ? "" : String(fallback));

  return (
    <form key={formKey} action={formAction} className="space-y-5" noValidate>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Identity</legend>
        <TextField name="hostname" label="Hostname" required autoComplete="off" defaultValue={val("hostname", machine?.hostname)} error={e.hostname} hint="Lower-case letters, digits and hyphens." />
        <TextAreaField name="macs" label="MAC addresses" required rows={2} defaultValue={val("macs", machine?.macs.join("\n"))} error={firstError(e, "macs")} hint="One per line; any notation. The first one boots." />
        <TextField name="rack" label="Rack" defaultValue={val("rack", machine?.rack)} error={e.rack} />
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">Boot and network</legend>
        <SelectField name="role" label="Role" defaultValue={val("role", machine?.role)} error={e.role} options={[{ value: "", label: "(none: boot holds)" }, ...roles.map((r) => ({ value: r, label: r }))]} />
        <SelectField name="subnet" label="Subnet" defaultValue={val("subnet", machine?.subnet)} error={e.subnet} options={[{ value: "", label: "(from the address, if any holds it)" }, ...subnets.map((s) => ({ value: s.name, label: `${s.name} (${s.cidr})` }))]} />
        <TextField name="ipv4" label="IPv4 address" inputMode="decimal" defaultValue={val("ipv4", machine?.ipv4)} error={e.ipv4} hint={machine ? undefined : "Leave empty for the next free address of the subnet's pool."} />
        <TextField name="tags" label="Tags" defaultValue={val("tags", machine?.tags.join(" "))} error={firstError(e, "tags")} hint="Space separated." />
        <TextField name="notes" label="Notes" defaultValue={val("notes", machine?.notes)} error={e.notes} />
      </fieldset>
      <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <legend className="mb-2 text-sm font-semibold">BMC (power control)</legend>
        <SelectField name="bmcType" label="Protocol" defaultValue={val("bmcType", machine?.bmc?.type ?? "none")} error={firstError(e, "bmc.type") ?? (Object.keys(e).some((k) => k.startsWith("bmc.")) ? undefined : e.bmc)} options={[{ value: "none", label: "none" }, { value: "redfish", label: "Redfish" }, { value: "ipmi", label: "IPMI" }, { value: "ssh", label: "SSH (soft reboot)" }]} />
        <TextField name="bmcAddress" label="Address" defaultValue={val("bmcAddress", machine?.bmc?.address)} error={e["bmc.address"]} />
        <TextField name="bmcPort" label="Port" inputMode="numeric" defaultValue={val("bmcPort", machine?.bmc?.port)} error={e["bmc.port"]} />
        <TextField name="bmcUsername" label="Username" autoComplete="off" defaultValue={val("bmcUsername", machine?.bmc?.username)} error={e["bmc.username"]} />
        <TextField name="bmcPassword" label="Password" type="password" autoComplete="new-password" error={e["bmc.password"]} hint={machine?.bmc?.hasPassword ? "One is stored, encrypted. Leave empty to keep it." : machine?.bmc ? "None stored yet: Redfish and IPMI need one. Stored encrypted; never shown again." : "Stored encrypted; never shown again."} />
        <SelectField name="bmcTls" label="TLS (Redfish)" defaultValue={val("bmcTls", machine?.bmc?.tls ?? "")} error={e["bmc.tls"]} options={[{ value: "", label: "default: verify (plain HTTP on loopback)" }, { value: "verify", label: "HTTPS, verify the certificate" }, { value: "insecure", label: "HTTPS, accept any certificate" }, { value: "plain", label: "plain HTTP" }]} />
      </fieldset>
      <input type="hidden" name="maintenance" value="false" />
      <CheckboxField name="maintenance" label="Maintenance" defaultChecked={v ? v.maintenance === "on" : machine?.maintenance} hint="The machine's boot holds and rollouts skip it." />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : submitLabel}</Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
