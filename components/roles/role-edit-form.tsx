"use client";

import { Fragment, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormStatus } from "@/components/ui/form-status";
import { useFormAction } from "@/components/ui/use-form-action";
import type { FormState } from "@/lib/forms/action";
import { defaultDeployCommand, PLACEHOLDERS } from "@/lib/deploy/command";
import type { RoleDto } from "@/lib/roles/dto";
import { VersionSelect, type VersionChoice } from "./version-select";

const code = "rounded bg-zinc-100 px-1 font-mono dark:bg-zinc-800";

export function RoleEditForm({
  action,
  role,
  choices,
  readOnly,
}: {
  action: (prev: FormState, fd: FormData) => Promise<FormState>;
  /** For users who may not change roles: the settings are shown, disabled, with this note instead of Save. */
  readOnly?: ReactNode;
  role: Pick<RoleDto, "name" | "description" | "imageVersion" | "kernelArgs" | "playbook" | "deployCommand" | "deployVars">;
  choices: VersionChoice[];
}) {
  const { state, formAction, pending, formKey } = useFormAction(action);
  const v = state.ok ? undefined : state.values;
  const e = state.fieldErrors ?? {};
  // The API names the argument at fault (deployCommand.2); the textarea is one field.
  const commandError = e.deployCommand ?? Object.entries(e).find(([k]) => k.startsWith("deployCommand."))?.[1];
  const vars = role.deployVars && Object.keys(role.deployVars).length > 0 ? JSON.stringify(role.deployVars, null, 2) : "";
  return (
    <form action={formAction} key={formKey}>
      <fieldset disabled={readOnly !== undefined} className="space-y-4">
        <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
          <TextField name="name" label="Name" required defaultValue={v?.name ?? role.name} error={e.name} />
          <TextField name="description" label="Description" defaultValue={v?.description ?? role.description} error={e.description} />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <VersionSelect choices={choices} defaultValue={v?.imageVersion ?? role.imageVersion ?? ""} error={e.imageVersion} />
          <TextField
            name="kernelArgs"
            label="Extra kernel arguments"
            placeholder="intel_iommu=on console=ttyS1,115200n8"
            defaultValue={v?.kernelArgs ?? role.kernelArgs}
            error={e.kernelArgs}
            hint="Space-separated, added to the boot script's kernel line."
          />
        </div>
        <TextField
          name="playbook"
          label="Runtime playbook"
          placeholder="deploy/playbooks/runtime.yml"
          defaultValue={v?.playbook ?? role.playbook}
          error={e.playbook}
          hint="A relative path; it fills {playbook} in the deploy command."
        />
        <div className="grid gap-3 lg:grid-cols-2">
          <TextAreaField
            name="deployCommand"
            label="Deploy command"
            rows={10}
            placeholder={defaultDeployCommand().join("\n")}
            defaultValue={v?.deployCommand ?? role.deployCommand.join("\n")}
            error={commandError}
            hint={
              <>
                One argument per line, run without a shell. Placeholders:{" "}
                {PLACEHOLDERS.map((p, i) => (
                  <Fragment key={p}>
                    {i > 0 ? " " : null}
                    <code className={code}>{`{${p}}`}</code>
                  </Fragment>
                ))}
                . Empty: the default shown greyed out.
              </>
            }
          />
          <TextAreaField
            name="deployVars"
            label="Deploy vars (JSON object)"
            rows={10}
            placeholder={'{\n  "raid_level": 10\n}'}
            defaultValue={v?.deployVars ?? vars}
            error={e.deployVars}
            hint="Variables for the runtime playbook."
          />
        </div>
        {readOnly ?? (
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save role"}
            </Button>
            <FormStatus state={state} />
          </div>
        )}
      </fieldset>
    </form>
  );
}
