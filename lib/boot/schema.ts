import { z } from "zod";
import { parseMac } from "@/lib/mac/parse";

// What iPXE sends. The free-text fields come from SMBIOS (firmware vendors put anything
// there, "To be filled by O.E.M." included), so they are kept as data, cut short and
// stripped of control characters, never interpreted.

const freeText = (max: number) =>
  z
    .string()
    .optional()
    .transform((v) => {
      const clean = (v ?? "").replace(/[\x00-\x1f\x7f]/g, "").trim().slice(0, max);
      return clean === "" ? null : clean;
    });

export const bootQuerySchema = z.object({
  mac: z.string().transform((v, ctx) => {
    const r = parseMac(v);
    if (r.ok) return r.mac;
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
  }),
  uuid: freeText(64),
  serial: freeText(128),
  arch: freeText(32),
  platform: freeText(32),
});

export type BootQuery = z.output<typeof bootQuerySchema>;

export const BEACON_STAGES = ["kernel", "failed"] as const;

export const beaconQuerySchema = z.object({
  mac: bootQuerySchema.shape.mac,
  boot: z.string({ error: "boot is required: the boot id from the script" }).regex(/^[0-9a-f-]{36}$/, "boot must be the boot id from the script"),
  stage: z.enum(BEACON_STAGES, { error: `stage must be one of ${BEACON_STAGES.join(", ")}` }),
  mirror: z.string().regex(/^\d{1,2}$/, "mirror must be the mirror's place in the script, 0 to 63").transform(Number).pipe(z.number().max(63, "mirror must be the mirror's place in the script, 0 to 63")).optional(),
});

export type BeaconQuery = z.output<typeof beaconQuerySchema>;
