"use client";

import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import type { FormState } from "@/lib/forms/action";
import { useFormAction } from "@/components/ui/use-form-action";

interface SubnetValues {
  name: string;
  cidr: string;
  gateway: string | null;
  dns: string[];
  domain: string | null;
  poolStart: string | null;
  poolEnd: string | null;
  nextServer: string | null;
}

export function SubnetForm({
  action,
  subnet,
  submitLabel,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  subnet?: SubnetValues;
  submitLabel: string;
}) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  const value = (name: keyof SubnetValues, stored: string | null | undefined) => v?.[name] ?? stored ?? "";
  return (
    <form action={formAction} className="space-y-3" key={formKey}>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" label="Name" required placeholder="prod-a" defaultValue={value("name", subnet?.name)} error={e.name} />
        <TextField
          name="cidr"
          label="CIDR"
          required
          placeholder="10.20.0.0/22"
          defaultValue={value("cidr", subnet?.cidr)}
          error={e.cidr}
          hint="The network address and prefix, /8 to /30."
        />
        <TextField name="gateway" label="Gateway" placeholder="10.20.0.1" defaultValue={value("gateway", subnet?.gateway)} error={e.gateway} />
        <TextField
          name="dns"
          label="DNS servers"
          placeholder="10.20.0.2, 10.20.0.3"
          defaultValue={value("dns", subnet?.dns.join(", "))}
          error={e.dns}
          hint="IPv4 addresses, separated by commas or spaces."
        />
        <TextField name="domain" label="Domain" placeholder="prod-a.example.net" defaultValue={value("domain", subnet?.domain)} error={e.domain} />
        <TextField
          name="nextServer"
          label="Next server"
          placeholder="10.20.0.10"
          defaultValue={value("nextServer", subnet?.nextServer)}
          error={e.nextServer}
          hint="TFTP/HTTP boot server, by IPv4 address or host name."
        />
        <TextField
          name="poolStart"
          label="Pool start"
          placeholder="10.20.1.0"
          defaultValue={value("poolStart", subnet?.poolStart)}
          error={e.poolStart}
          hint="New machines get the first free address of the pool."
        />
        <TextField name="poolEnd" label="Pool end" placeholder="10.20.3.250" defaultValue={value("poolEnd", subnet?.poolEnd)} error={e.poolEnd} />
      </div>
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} className="shrink-0">
          {pending ? "Saving…" : submitLabel}
        </Button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
