import { z } from "zod";
import { fromDigits, pageLimit, text, wholeNumber } from "@/lib/validation/fields";

export const DRIFT_KINDS = ["version", "stale", "hash"] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

export const DRIFT_SORTS = ["hostname", "role", "rack", "version", "lastBoot"] as const;
export type DriftSort = (typeof DRIFT_SORTS)[number];

export const DEFAULT_STALE_DAYS = 30;

/** Role and rack narrow every fleet view; "-" means "machines without one", as in the machine list. */
const filters = {
  role: text(100).optional(),
  rack: text(32).optional(),
};

const staleDays = z
  .preprocess(
    fromDigits,
    z.number({ error: "days must be a whole number of days" }).int("days must be a whole number of days").min(1, "days must be at least 1").max(3650, "days must be at most 3650"),
  )
  .default(DEFAULT_STALE_DAYS);

export const driftFilter = z.object({
  kind: z.enum(DRIFT_KINDS, { error: `kind must be one of ${DRIFT_KINDS.join(", ")}` }).default("version"),
  ...filters,
  days: staleDays,
});

export const driftListQuery = driftFilter.extend({
  sort: z.enum(DRIFT_SORTS, { error: `sort must be one of ${DRIFT_SORTS.join(", ")}` }).default("hostname"),
  dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).default("asc"),
  page: wholeNumber(1, 1_000_000).default(1),
  limit: pageLimit(500, 50),
});

export type DriftFilter = z.output<typeof driftFilter>;
export type DriftListQuery = z.output<typeof driftListQuery>;

/**
 * Trend ranges: how far back, and how far apart the points are. The short ones are for
 * watching a rollout; the long ones for the daily view.
 */
export const TREND_RANGES = {
  "6h": { label: "6 hours", stepSeconds: 300, points: 72 },
  "24h": { label: "24 hours", stepSeconds: 900, points: 96 },
  "7d": { label: "7 days", stepSeconds: 3600, points: 168 },
  "30d": { label: "30 days", stepSeconds: 86_400, points: 30 },
  "90d": { label: "90 days", stepSeconds: 86_400, points: 90 },
} as const;
export type TrendRange = keyof typeof TREND_RANGES;
const RANGE_KEYS = Object.keys(TREND_RANGES) as [TrendRange, ...TrendRange[]];

export const trendQuery = z.object({
  range: z.enum(RANGE_KEYS, { error: `range must be one of ${RANGE_KEYS.join(", ")}` }).default("30d"),
  role: filters.role,
});
export type TrendQuery = z.output<typeof trendQuery>;

export const RACK_COLOURINGS = ["version", "state"] as const;

export const rackQuery = z.object({
  ...filters,
  by: z.enum(RACK_COLOURINGS, { error: "by must be version or state" }).default("version"),
  sort: z.enum(["name", "worst"], { error: "sort must be name or worst" }).default("name"),
  page: wholeNumber(1, 100_000).default(1),
});
export type RackQuery = z.output<typeof rackQuery>;
