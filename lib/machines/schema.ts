import ipaddr from "ipaddr.js";
import { z } from "zod";
import { parseMac } from "@/lib/mac/parse";
import { bmcAddressProblem, bmcUserProblem } from "@/lib/power/bmc-target";
import { unicastProblem } from "@/lib/subnets/ipv4";
import { boolish, pageLimit, refuseWith, slug, text } from "@/lib/validation/fields";

export const MACHINE_STATES = ["new", "booting", "deploying", "ready", "failed", "rebooting"] as const;
/** The machine list's orders (lib/machines/sort.ts), each ascending or descending (dir). */
export const MACHINE_SORT_KEYS = ["hostname", "state", "role", "version", "ipv4", "rack", "lastSeen"] as const;
export const BMC_TYPES = ["redfish", "ipmi", "ssh"] as const;

// Names the machine pages use as paths of their own (/machines/new, /machines/import …).
const RESERVED_HOSTNAMES = new Set(["new", "import", "unknown"]);

export const hostname = slug("Hostname")
  .refine((v) => !/^\d+$/.test(v), "Hostname must not be all digits")
  .refine((v) => !RESERVED_HOSTNAMES.has(v), "Hostname new, import and unknown are reserved by the console");

export const ipv4 = z
  .string()
  .trim()
  .refine((v) => ipaddr.IPv4.isValidFourPartDecimal(v), "must be an IPv4 address like 10.0.0.5")
  .superRefine(refuseWith(unicastProblem))
  .transform((v) => ipaddr.IPv4.parse(v).toString());

export const mac = z.string().transform((v, ctx) => {
  const r = parseMac(v);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.reason });
    return z.NEVER;
  }
  return r.mac;
});

/** One MAC per line (or separated by commas/spaces) from a form, or an array from JSON. */
const macList = z
  .union([z.array(z.string()), z.string().transform((v) => v.split(/[\s,;]+/).filter(Boolean))], {
    // Left out (JSON) or an empty field (the form): say what is missing.
    error: (issue) => (issue.input === undefined || issue.input === null ? "at least one MAC address is needed to boot" : "a list of MAC addresses, or one per line"),
  })
  .pipe(z.array(mac).max(16, "at most 16 MAC addresses"))
  .refine((list) => new Set(list).size === list.length, "the same MAC address is listed twice");

const ref = z.string().trim().min(1).max(100);
const rack = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, "Rack must be 1–32 letters, digits, dots, dashes or underscores");
const tags = z
  .union([z.array(z.string()), z.string().transform((v) => v.split(/[\s,]+/).filter(Boolean))])
  .pipe(z.array(z.string().regex(/^[a-z0-9][a-z0-9._-]{0,31}$/, "tags are lower-case words of up to 32 characters")).max(32));

export const bmcSchema = z.object({
  type: z.enum(BMC_TYPES, { error: "BMC type must be redfish, ipmi or ssh" }),
  address: z
    .string()
    .trim()
    .min(1, "BMC address is required")
    .max(253)
    .superRefine(refuseWith(bmcAddressProblem)),
  port: z
    .union([z.number(), z.string().regex(/^\d{1,5}$/).transform(Number)], { error: "must be a port number from 1 to 65535" })
    .pipe(z.number().int("must be a port number from 1 to 65535").min(1, "must be a port number from 1 to 65535").max(65535, "must be a port number from 1 to 65535"))
    .optional(),
  username: z
    .string()
    .trim()
    .min(1, "BMC username is required")
    .max(64)
    .superRefine(refuseWith((v) => bmcUserProblem(v) && `BMC ${bmcUserProblem(v)}`)),
  password: z.string().min(1).max(256).optional(),
  /** Redfish only: "verify" (default), "insecure" (self-signed certificates) or "plain" (HTTP). */
  tls: z.enum(["verify", "insecure", "plain"], { error: "BMC tls must be verify, insecure or plain" }).optional(),
});

export const machineCreateSchema = z.object({
  hostname,
  macs: macList.refine((l) => l.length > 0, "at least one MAC address is needed to boot"),
  role: ref.optional(),
  // Left out: the subnet that holds ipv4, if any; null: none.
  subnet: ref.nullable().optional(),
  ipv4: ipv4.optional(),
  rack: rack.optional(),
  tags: tags.optional(),
  notes: text(2000).optional(),
  maintenance: boolish.optional(),
  // null = no BMC, as the form's "none" sends it.
  bmc: bmcSchema.nullable().optional(),
});

export const machineUpdateSchema = z.object({
  hostname: hostname.optional(),
  macs: macList.optional(),
  role: ref.nullable().optional(),
  subnet: ref.nullable().optional(),
  ipv4: ipv4.nullable().optional(),
  rack: rack.nullable().optional(),
  tags: tags.optional(),
  notes: text(2000).nullable().optional(),
  maintenance: boolish.optional(),
  bmc: bmcSchema.nullable().optional(),
});

export const machineListQuery = z.object({
  role: text(100).optional(),
  state: z.enum(MACHINE_STATES, { error: `state must be one of ${MACHINE_STATES.join(", ")}` }).optional(),
  rack: text(32).optional(),
  q: text(100).optional(),
  sort: z.enum(MACHINE_SORT_KEYS, { error: `sort must be one of ${MACHINE_SORT_KEYS.join(", ")}` }).optional(),
  dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).optional(),
  cursor: z.string().max(1000).optional(),
  limit: pageLimit(500, 100),
});

export type MachineCreateInput = z.output<typeof machineCreateSchema>;
export type MachineUpdateInput = z.output<typeof machineUpdateSchema>;
export type MachineListQuery = z.output<typeof machineListQuery>;
