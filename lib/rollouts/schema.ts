import { z } from "zod";
import { BMC_TYPES } from "@/lib/machines/schema";
import { text } from "@/lib/validation/fields";

// The body of POST /api/rollouts (DESIGN.md), extended with the options the contract
// leaves open. Options left out mean "none": no canary approval, no maintenance window,
// no per-rack cap, no role budget beyond the batch itself.

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

const batchSize = z.union([
  z.number({ error: "must be a count like 5 or a percentage like \"10%\"" }).min(1, "must be at least 1").max(100_000, "must be at most 100,000 machines").int("must be a whole number"),
  z
    .string()
    .trim()
    .regex(/^\d{1,3}%$|^\d{1,6}$/, "must be a count like 5 or a percentage like \"10%\"")
    .transform((v) => (v.endsWith("%") ? { percent: Number(v.slice(0, -1)) } : Number(v)))
    .refine((v) => (typeof v === "number" ? v >= 1 : v.percent >= 1 && v.percent <= 100), "must be at least 1, or a percentage from 1% to 100%"),
], { error: "must be a count like 5 or a percentage like \"10%\"" });

const hostnameList = z
  .union([z.array(z.string().trim().toLowerCase().min(1).max(63)), z.string().transform((v) => v.split(/[\s,;]+/).filter(Boolean).map((h) => h.toLowerCase()))])
  .pipe(z.array(z.string().max(63)).max(100_000, "at most 100,000 machines"));

export const selectorSchema = z
  .object({
    role: z.string().trim().min(1).max(100).optional(),
    rack: z.string().trim().min(1).max(64).optional(),
    tag: z.string().trim().min(1).max(64).optional(),
    machines: hostnameList.optional(),
  })
  .strict()
  .refine((s) => s.role || s.rack || s.tag || (s.machines && s.machines.length > 0), "choose machines by role, rack, tag or a list of hostnames");

export const windowSchema = z
  .object({
    start: z.string().min(1, "set a start time too, or leave both empty").regex(HHMM, "must be a time of day like 02:00"),
    end: z.string().min(1, "set an end time too, or leave both empty").regex(HHMM, "must be a time of day like 05:30"),
    timezone: z
      .string()
      .trim()
      .max(64)
      .default("UTC")
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat("en", { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, "must be an IANA time zone like Europe/Berlin or UTC"),
  })
  .strict()
  .refine((w) => w.start !== w.end, "the window's start and end must differ");

export const createRolloutSchema = z
  .object({
    name: text(100).default(""),
    selector: selectorSchema,
    imageVersion: z.string().trim().min(1).max(200).optional(),
    batchSize,
    maxUnavailable: z.number().int().min(1, "must be at least 1").max(100_000).optional(),
    perRack: z.number().int().min(1, "must be at least 1").max(100_000).optional(),
    /** true: a canary batch of one machine; a number: of that many. It waits for approval. */
    canary: z.union([z.boolean(), z.number().int().min(1, "must be true or a batch size of at least 1").max(1000)]).optional(),
    healthTimeoutSeconds: z.number().int().min(10, "must be at least 10 seconds").max(86_400).default(900),
    minHealthySeconds: z.number().int().min(0).max(86_400).default(0),
    failureThreshold: z.number().int().min(1, "must be at least 1").max(100_000).default(1),
    window: windowSchema.optional(),
    powerOrder: z
      .array(z.enum(BMC_TYPES, { error: `powerOrder lists protocols from ${BMC_TYPES.join(", ")}` }))
      .max(3)
      .refine((l) => new Set(l).size === l.length, "powerOrder lists a protocol twice")
      .default([]),
    dryRun: z.boolean().default(false),
    /** Idempotency: the same key again returns the rollout the first request created. */
    requestKey: z.string().trim().min(8).max(100).optional(),
  })
  .strict();

export type CreateRolloutInput = z.output<typeof createRolloutSchema>;
export type Selector = z.output<typeof selectorSchema>;

export const resumeSchema = z.object({}).strict();
