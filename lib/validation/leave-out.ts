import type { z } from "zod";

export interface LeftOut {
  name: string;
  value: string;
  message: string;
}

/**
 * Parses a page's URL parameters, leaving out each one the schema refuses instead of the
 * whole query: an old bookmark's bad `sort` must not drop its filters. Returns what was
 * kept (for links), and what was left out and why (to say so on the page).
 */
export function parseLeavingOut<S extends z.ZodType<unknown, Record<string, unknown>>>(
  schema: S,
  given: Record<string, string>,
): { data: z.output<S>; kept: Record<string, string>; leftOut: LeftOut[] } {
  const kept = { ...given };
  const leftOut: LeftOut[] = [];
  for (;;) {
    const parsed = schema.safeParse(kept);
    if (parsed.success) return { data: parsed.data, kept, leftOut };
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? "")))].filter((name) => name in kept);
    // A refusal no parameter alone explains: start from none.
    if (names.length === 0) return { data: schema.parse({}), kept: {}, leftOut };
    for (const name of names) {
      const message = parsed.error.issues.find((i) => String(i.path[0] ?? "") === name)!.message;
      leftOut.push({ name, value: kept[name].slice(0, 40), message });
      delete kept[name];
    }
  }
}
