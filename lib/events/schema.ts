import { z } from "zod";
import { pageLimit } from "@/lib/validation/fields";

export const EVENT_PAGE_SIZE = 100;

/** Filters for the event history, from a page's searchParams or a query string. */
export const eventListQuery = z.object({
  kind: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "kind must be an event kind or its start, such as machine. or deployment")
    .optional(),
  machine: z.string().trim().min(1).max(253).optional(),
  cursor: z.string().regex(/^[1-9]\d{0,18}$/, "cursor must be an event id").optional(),
  limit: pageLimit(500, EVENT_PAGE_SIZE),
});

export type EventListQuery = z.output<typeof eventListQuery>;
