"use client";

import { useRef } from "react";
import { SelectField, TextField } from "@/components/ui/field";

export interface DefaultsValue {
  role: string;
  subnet: string;
  rack: string;
  hostnameTemplate: string;
}

/** What lines that do not say get: role, subnet (and so a pool address), rack, hostname. */
export function DefaultsFields({
  value,
  onChange,
  roles,
  subnets,
  racks,
  roleSubnets = {},
  errors,
}: {
  value: DefaultsValue;
  onChange: (next: DefaultsValue) => void;
  roles: string[];
  subnets: { name: string; cidr: string }[];
  racks: string[];
  /** Per role, the subnet most of its machines are in. */
  roleSubnets?: Record<string, string>;
  errors: Record<string, string>;
}) {
  const set = (key: keyof DefaultsValue) => (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value });
  // Choosing a role brings its machines' usual subnet along (forgetting the subnet leaves
  // new machines without an address or DHCP reservation), unless a subnet was given already
  // (by hand, or from where an unknown MAC asked to boot).
  const subnetByHand = useRef(value.subnet !== "");
  const setRole = (e: { target: { value: string } }) => {
    const role = e.target.value;
    const usual = roleSubnets[role];
    onChange({ ...value, role, subnet: !subnetByHand.current && usual ? usual : value.subnet });
  };
  const setSubnet = (e: { target: { value: string } }) => {
    subnetByHand.current = true;
    set("subnet")(e);
  };
  const usual = value.role ? roleSubnets[value.role] : undefined;
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <legend className="mb-2 text-sm font-semibold">For lines that do not say</legend>
      <SelectField
        name="role"
        label="Role"
        value={value.role}
        onChange={setRole}
        error={errors["defaults.role"]}
        options={[{ value: "", label: "(none: boot holds)" }, ...roles.map((r) => ({ value: r, label: r }))]}
      />
      <SelectField
        name="subnet"
        label="Subnet"
        value={value.subnet}
        onChange={setSubnet}
        error={errors["defaults.subnet"]}
        hint={
          value.subnet
            ? `Lines without an IP get the next free address of its pool.${usual && usual !== value.subnet ? ` Most ${value.role} machines are in ${usual}.` : ""}`
            : `None: lines without an IP get no address and no DHCP reservation; a line's own IP joins the subnet that holds it.${usual ? ` Most ${value.role} machines are in ${usual}.` : ""}`
        }
        options={[{ value: "", label: "(none: no IP)" }, ...subnets.map((s) => ({ value: s.name, label: `${s.name} (${s.cidr})` }))]}
      />
      <TextField name="rack" label="Rack" value={value.rack} onChange={set("rack")} error={errors["defaults.rack"]} list="known-racks" autoComplete="off" />
      <datalist id="known-racks">
        {racks.map((r) => <option key={r} value={r} />)}
      </datalist>
      <TextField
        name="hostnameTemplate"
        label="Hostname template"
        value={value.hostnameTemplate}
        onChange={set("hostnameTemplate")}
        error={errors["defaults.hostnameTemplate"]}
        hint="{role} {rack} {nn} {nnn} {mac}; the counter skips names in use."
        autoComplete="off"
        spellCheck={false}
      />
    </fieldset>
  );
}
