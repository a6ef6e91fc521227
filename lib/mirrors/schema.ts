import { z } from "zod";
import { boolish, httpUrl, intish, slug, text } from "@/lib/validation/fields";

// What iPXE can fetch and write into a script line as it is (lib/boot/ipxe-safe.ts), with
// https:// allowed too: an iPXE build without HTTPS skips such a mirror, and says so.
const PLAIN_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~+@=,:/-]*)?$/;

const fields = {
  name: slug("Name"),
  baseUrl: httpUrl.refine(
    (v) => PLAIN_URL.test(v) && !v.includes(".."),
    "must be a plain URL: http:// and a host name or IPv4 address, an optional port, and a path of letters, digits and . _ ~ + @ = , : / - (no $, %, spaces or ..)",
  ),
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
