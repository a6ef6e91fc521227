import { z } from "zod";
import { isUuid } from "@/lib/http/ref";
import { text } from "@/lib/validation/fields";
import { relativePathProblem } from "./path";

// Same rules as the images_name_slug check constraint in the init migration.
export const IMAGE_NAME = /^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$/;
// Starts with a letter or digit so that "." and ".." can never be a label (they would
// be swallowed by URL normalisation in /api/images/:id/versions/:version).
export const VERSION_LABEL = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$/;
export const VERSION_STATUSES = ["candidate", "stable", "retired"] as const;

const MAX_SIZE_BYTES = 9_223_372_036_854_775_807n;

export const imageName = z
  .string({ error: "Name is required" })
  .trim()
  .toLowerCase()
  .regex(IMAGE_NAME, "Name must be 1–63 lower-case letters, digits, dots, underscores or hyphens, starting and ending with a letter or digit")
  .refine((v) => !isUuid(v), "Name must not look like an id (8-4-4-4-12 hex digits)");

export const versionLabel = z
  .string({ error: "Version is required" })
  .trim()
  .regex(VERSION_LABEL, "Version must be 1–64 letters, digits, dots, dashes, underscores or plus signs, starting with a letter or digit, such as 2026.11.0");

const mirrorPath = (what: string, suffix?: string) =>
  z
    .string({ error: `${what} is required` })
    .trim()
    .superRefine((value, ctx) => {
      const problem = relativePathProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: `${what} ${problem}` });
      else if (suffix && !value.endsWith(suffix)) {
        ctx.addIssue({ code: "custom", message: `${what} must end in ${suffix}: live-boot's fetch= only mounts files named so` });
      }
    });

const sha256 = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, "sha256 must be 64 hexadecimal digits (the output of sha256sum)");

/** Bytes as a JSON number or a form's digits; kept as a bigint because the column is one. */
const sizeBytes = z.preprocess(
  (v) => {
    if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
    if (typeof v === "string" && /^\s*\d{1,19}\s*$/.test(v)) return BigInt(v.trim());
    return v;
  },
  z
    .bigint({
      // A number past 2^53 or a string of more than 19 digits is whole but cannot be held exactly.
      error: (issue) =>
        (typeof issue.input === "number" && Number.isInteger(issue.input)) || (typeof issue.input === "string" && /^\s*\d{20,}\s*$/.test(issue.input))
          ? "Size is too large (send sizes above 2^53 as a string of digits)"
          : "Size must be a whole number of bytes",
    })
    .positive("Size must be more than 0 bytes")
    .max(MAX_SIZE_BYTES, "Size is too large"),
);

const status = z.enum(VERSION_STATUSES, { error: "Status must be candidate, stable or retired" });

const cleared = (schema: z.ZodType<string>) => schema.nullable().transform((v) => v ?? "");

export const imageCreateSchema = z.object({
  name: imageName,
  description: text(1000).optional(),
});

export const imageUpdateSchema = z.object({ name: imageName, description: cleared(text(1000)) }).partial();

const versionFields = {
  version: versionLabel,
  kernelPath: mirrorPath("Kernel path"),
  initrdPath: mirrorPath("Initrd path"),
  squashfsPath: mirrorPath("Squashfs path", ".squashfs"),
  sha256: sha256.nullable(),
  sizeBytes: sizeBytes.nullable(),
  status,
  notes: cleared(text(2000)),
};

export const versionCreateSchema = z.object({
  ...versionFields,
  sha256: versionFields.sha256.optional(),
  sizeBytes: versionFields.sizeBytes.optional(),
  status: status.optional(),
  notes: text(2000).optional(),
});

export const versionUpdateSchema = z.object(versionFields).partial();

export type ImageCreateInput = z.output<typeof imageCreateSchema>;
export type ImageUpdateInput = z.output<typeof imageUpdateSchema>;
export type VersionCreateInput = z.output<typeof versionCreateSchema>;
export type VersionUpdateInput = z.output<typeof versionUpdateSchema>;

/** Splits "<image>:<version>"; null when it is not written so. */
export function splitVersionRef(ref: string): { image: string; version: string } | null {
  const colon = ref.indexOf(":");
  if (colon < 0) return null;
  const image = ref.slice(0, colon).trim().toLowerCase();
  const version = ref.slice(colon + 1).trim();
  return IMAGE_NAME.test(image) && VERSION_LABEL.test(version) ? { image, version } : null;
}

/** How a role names its desired version: "<image>:<version>", or the version's id. */
export const imageVersionRef = z
  .string({ error: 'Image version must be written "<image>:<version>", such as debian-storage:2026.11.0' })
  .trim()
  .transform((value, ctx) => {
    if (isUuid(value)) return value.toLowerCase();
    const parts = splitVersionRef(value);
    if (parts) return `${parts.image}:${parts.version}`;
    ctx.addIssue({ code: "custom", message: `Image version must be written "<image>:<version>", such as debian-storage:2026.11.0 (got "${value.slice(0, 80)}")` });
    return z.NEVER;
  });
