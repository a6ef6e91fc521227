import { hostname as hostnameSchema } from "@/lib/machines/schema";

// Hostnames for pasted machines that do not bring one: a template such as
// "{role}-{rack}-{nn}". {nn}/{nnn} are a counter (2 or 3 digits, wider when it must be)
// that skips names already in use; {mac} is the last 6 hex digits of the MAC. A value the
// row does not have drops out with its dash ("{role}-{rack}-{nn}" without a rack gives
// "storage-01"); when nothing but digits would be left (no role and no rack), the name
// starts with "node-" ("node-01"), since a hostname may not be all digits.

export const DEFAULT_TEMPLATE = "{role}-{rack}-{nn}";

const PLACEHOLDERS = ["role", "rack", "nn", "nnn", "mac"] as const;
type Placeholder = (typeof PLACEHOLDERS)[number];

export interface TemplateValues {
  role?: string | null;
  rack?: string | null;
  mac?: string | null;
}

/**
 * What the template gives for one row: a fixed name, a counter family (name = prefix +
 * zero-padded n + suffix) whose free numbers the caller picks, or why it gives nothing.
 */
export type Rendered =
  | { kind: "fixed"; name: string }
  | { kind: "counter"; prefix: string; suffix: string; width: number }
  | { kind: "error"; reason: string };

export function counterName(r: { prefix: string; suffix: string; width: number }, n: number): string {
  return `${r.prefix}${String(n).padStart(r.width, "0")}${r.suffix}`;
}

/** Why a template cannot name machines, or null when it can. */
export function templateProblem(template: string): string | null {
  const used = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const unknown = used.find((p) => !PLACEHOLDERS.includes(p as Placeholder));
  if (unknown !== undefined) return `unknown placeholder {${unknown}}; use {role}, {rack}, {nn}, {nnn} or {mac}`;
  const counters = used.filter((p) => p === "nn" || p === "nnn").length;
  if (counters > 1) return "use one counter, {nn} or {nnn}, not several";
  if (counters === 0 && !used.includes("mac")) return "the template needs {nn}, {nnn} or {mac} so that each machine gets a name of its own";
  if (/[{}]/.test(template.replace(/\{[^}]*\}/g, ""))) return "a brace is not closed; placeholders look like {role}";
  return null;
}

// Stands for the counter while the other placeholders are filled and dashes tidied.
const MARK = "\u0000";

export function renderTemplate(template: string, values: TemplateValues): Rendered {
  let width = 0;
  let filled = template
    .replace(/\{(\w+)\}/g, (_, p: Placeholder) => {
      if (p === "nn" || p === "nnn") {
        width = p.length;
        return MARK;
      }
      if (p === "mac") return values.mac ? values.mac.replaceAll(":", "").slice(-6) : "";
      return (values[p] ?? "").toLowerCase();
    })
    .toLowerCase()
    .replace(/-{2,}/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!/[a-z]/.test(filled.replace(MARK, ""))) filled = filled ? `node-${filled}` : filled;
  const sample = filled.replace(MARK, "1".padStart(Math.max(width, 1), "0"));
  const check = hostnameSchema.safeParse(sample);
  if (!check.success) {
    return { kind: "error", reason: `the hostname template gives ${width ? "names like " : ""}"${sample}": ${check.error.issues[0].message}` };
  }
  if (!width) return { kind: "fixed", name: filled };
  const [prefix, suffix] = filled.split(MARK);
  return { kind: "counter", prefix, suffix, width };
}
