import { distance } from "fastest-levenshtein";
import { z } from "zod";

// Fields a JSON body sends that its schema does not have. zod drops them quietly, so a
// typo ({"maintainance": true}) would answer 200 and change nothing: the API names them
// instead. Walks the schema beside the data: objects, and what wraps them (optional,
// nullable, default, pipes, arrays); records, unions and loose objects take any key.

export interface UnknownKey {
  path: string;
  key: string;
  suggestion: string | null;
}

/** The object schema under wrappers (optional, nullable, default, pipe's input …), or the schema itself. */
function unwrap(schema: z.ZodType): z.ZodType {
  for (let s = schema, i = 0; i < 20; i++) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodReadonly || s instanceof z.ZodCatch) {
      s = s.def.innerType as z.ZodType;
    } else if (s instanceof z.ZodPipe) s = s.def.in as z.ZodType;
    else if (s instanceof z.ZodLazy) s = s.def.getter() as z.ZodType;
    else return s;
  }
  return schema;
}

/** A key the schema has that is one or two edits from `key` (or the same but for case). */
function closest(key: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(k.toLowerCase(), key.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

export function unknownKeys(schema: z.ZodType, data: unknown, path = ""): UnknownKey[] {
  const s = unwrap(schema);
  if (s instanceof z.ZodArray && Array.isArray(data)) {
    return data.flatMap((item, i) => unknownKeys(s.element as z.ZodType, item, path ? `${path}.${i}` : String(i)));
  }
  if (!(s instanceof z.ZodObject) || data === null || typeof data !== "object" || Array.isArray(data)) return [];
  const catchall = s.def.catchall;
  if (catchall && !(catchall instanceof z.ZodNever)) return [];
  const shape = s.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const out: UnknownKey[] = [];
  for (const [key, value] of Object.entries(data)) {
    const at = path ? `${path}.${key}` : key;
    if (!Object.hasOwn(shape, key)) out.push({ path: at, key, suggestion: closest(key, known) });
    else out.push(...unknownKeys(shape[key], value, at));
  }
  return out;
}

export function unknownKeyMessage(u: UnknownKey, noun = "field"): string {
  return `unknown ${noun} "${u.key}"${u.suggestion ? ` (did you mean "${u.suggestion}"?)` : ""}`;
}
