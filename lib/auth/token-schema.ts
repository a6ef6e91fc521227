import { z } from "zod";

export const tokenCreateSchema = z.object({
  name: z.string().trim().min(1, "Name is required").max(64),
  role: z.enum(["viewer", "operator", "admin"], { error: "role must be viewer, operator or admin" }),
  expiresInDays: z
    .union([z.number(), z.string().regex(/^\d+$/, "a whole number of days").transform(Number)])
    .pipe(z.number().int().min(1).max(3650))
    .optional(),
});
