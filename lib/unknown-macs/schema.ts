import { z } from "zod";
import { pageLimit } from "@/lib/validation/fields";
import { mac } from "@/lib/machines/schema";

// The unknown-MAC inbox: MACs that asked for a boot script before anyone registered them.

export const unknownMacListQuery = z.object({
  limit: pageLimit(1000, 500),
});

/** A MAC in any notation, from a URL segment or a form; normalised. */
export const unknownMacRef = mac;

export const dismissSchema = z.object({
  macs: z.array(mac).min(1, "pick at least one MAC").max(1000),
});

export type UnknownMacListQuery = z.output<typeof unknownMacListQuery>;
