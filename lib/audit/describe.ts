// An audit entry's changes in words for the audit log page: a field that changed reads
// "field: before → after", any other value as it is; nothing is cut in the middle.

export interface ChangeLine {
  field: string;
  text: string;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value) && value.every((v) => v === null || ["string", "number", "boolean"].includes(typeof v))) {
    return value.length ? value.map(show).join(", ") : "none";
  }
  if (typeof value === "object" && Object.values(value as object).every((v) => v === null || typeof v !== "object")) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return entries.length ? entries.map(([k, v]) => `${k} ${show(v)}`).join(", ") : "—";
  }
  return JSON.stringify(value);
}

/** A field recorded as [before, after] (lib/audit/mutations.ts diffFields). */
function isPair(value: unknown): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2;
}

/**
 * The changes of an entry of `action`. Updates and commands record a changed field as
 * [before, after]; creations, imports and deletions record values as they were, where a
 * two-element list (two MACs) is just a list.
 */
export function describeChanges(changes: unknown, action = ""): ChangeLine[] {
  if (!changes || typeof changes !== "object" || Array.isArray(changes)) return [];
  const pairs = !/\.(create|import|delete)$/.test(action);
  return Object.entries(changes as Record<string, unknown>).map(([field, value]) => {
    if (pairs && isPair(value) && (value[0] === null || typeof value[0] !== "object") && (value[1] === null || typeof value[1] !== "object")) {
      const [before, after] = value;
      return { field, text: before === after ? `${show(after)} (unchanged)` : `${show(before)} → ${show(after)}` };
    }
    return { field, text: show(value) };
  });
}
