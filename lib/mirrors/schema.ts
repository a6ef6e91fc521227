import { z } from "zod";
import { boolish, httpUrl, intish, slug, text } from "@/lib/validation/fields";

const fields = {
  name: slug("Name"),
  baseUrl: httpUrl,
  enabled: boolish,
  weight: intish.pipe(z.number().min(1, "must be at least 1").max(10_000, "must be at most 10000")),
  site: text(63).nullable(),
  rack: text(63).nullable(),
};

export const mirrorCreateSchema = z.object({
  ...fields,
  name: fields.name.optional(),
  enabled: fields.enabled.default(true),
  weight: fields.weight.default(100),
  site: fields.site.optional(),
  rack: fields.rack.optional(),
});

export const mirrorUpdateSchema = z.object(fields).partial();

export type MirrorCreateInput = z.output<typeof mirrorCreateSchema>;
export type MirrorUpdateInput = z.output<typeof mirrorUpdateSchema>;

/** A mirror's default name: its host, made into a slug. */
export function defaultMirrorName(baseUrl: string): string {
  const host = new URL(baseUrl).hostname.toLowerCase();
  return host.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 63) || "mirror";
}
