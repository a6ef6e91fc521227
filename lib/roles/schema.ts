import { z } from "zod";
import { relativePathProblem } from "@/lib/images/path";
import { imageVersionRef } from "@/lib/images/schema";
import { slug, text } from "@/lib/validation/fields";
import { deployCommandProblems } from "./deploy-command";
import { kernelArgsProblem, normaliseKernelArgs } from "./kernel-args";

// Each field takes its JSON shape from the API and its text shape from the console's
// form (one argument per line, vars as JSON text), so both validate with these schemas.

const ANSIBLE_VAR = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_DEPLOY_VARS_BYTES = 16 * 1024;

const kernelArgs = z
  .string({ error: "Kernel arguments must be text" })
  .transform(normaliseKernelArgs)
  .superRefine((value, ctx) => {
    const problem = kernelArgsProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

const playbook = z
  .string({ error: "Playbook must be a path" })
  .trim()
  .superRefine((value, ctx) => {
    if (value === "") return;
    // It becomes an argument of ansible-playbook: a leading "-" would be read as an option.
    const problem = value.startsWith("-") ? 'must not start with "-"' : relativePathProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `Playbook ${problem}` });
  });

/** A form's textarea, one argument per line; blank lines at either end are ignored. */
function argvFromLines(text: string): string[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  while (lines.length && lines[0] === "") lines.shift();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

const deployCommand = z.preprocess(
  (v) => (v === null ? [] : typeof v === "string" ? argvFromLines(v) : v),
  z
    .array(z.string({ error: "Each argument must be a string" }), {
      error: 'Deploy command must be a list of arguments, such as ["ansible-playbook", "--inventory", "{ip},", "{playbook}"]',
    })
    .superRefine((argv, ctx) => {
      for (const p of deployCommandProblems(argv)) ctx.addIssue({ code: "custom", path: p.index === null ? [] : [p.index], message: p.message });
    }),
);

const deployVars = z.preprocess(
  (v, ctx) => {
    if (v === null) return {};
    if (typeof v !== "string") return v;
    if (v.trim() === "") return {};
    try {
      return JSON.parse(v);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: `Deploy vars are not valid JSON: ${(err as Error).message}` });
      return z.NEVER;
    }
  },
  z
    .record(z.string(), z.unknown(), { error: 'Deploy vars must be a JSON object, such as {"raid_level": 10}' })
    .superRefine((vars, ctx) => {
      const bad = Object.keys(vars).find((k) => !ANSIBLE_VAR.test(k));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `Deploy var "${bad}" is not a valid Ansible variable name (letters, digits and _, not starting with a digit)` });
      }
      if (Buffer.byteLength(JSON.stringify(vars)) > MAX_DEPLOY_VARS_BYTES) {
        ctx.addIssue({ code: "custom", message: `Deploy vars must be at most ${MAX_DEPLOY_VARS_BYTES / 1024} KiB of JSON` });
      }
    }),
);

const fields = {
  name: slug("Name"),
  description: text(1000).nullable().transform((v) => v ?? ""),
  imageVersion: imageVersionRef.nullable(),
  kernelArgs: kernelArgs.nullable().transform((v) => v ?? ""),
  playbook: playbook.nullable().transform((v) => v ?? ""),
  deployVars,
  deployCommand,
};

export const roleCreateSchema = z.object({
  name: fields.name,
  description: fields.description.optional(),
  imageVersion: fields.imageVersion.optional(),
  kernelArgs: fields.kernelArgs.optional(),
  playbook: fields.playbook.optional(),
  deployVars: fields.deployVars.optional(),
  deployCommand: fields.deployCommand.optional(),
});

export const roleUpdateSchema = z.object(fields).partial();

export type RoleCreateInput = z.output<typeof roleCreateSchema>;
export type RoleUpdateInput = z.output<typeof roleUpdateSchema>;
