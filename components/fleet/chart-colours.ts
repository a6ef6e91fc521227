import type { SegmentKey } from "@/lib/fleet/distribution";

/**
 * Chart colours as CSS variables with a light and a dark value, set on the chart's
 * wrapper: SVG fills read `var(--…)`, so the charts follow the `dark` class on <html>
 * without reading it. The hues match the convergence bars (emerald = desired, amber =
 * another version, zinc = never reported).
 */
export const CHART_VARS = [
  "[--c-desired:#10b981] dark:[--c-desired:#34d399]",
  "[--c-other1:#fbbf24] dark:[--c-other1:#f59e0b]",
  "[--c-other2:#f97316] dark:[--c-other2:#fb923c]",
  "[--c-other3:#e11d48] dark:[--c-other3:#fb7185]",
  "[--c-other4:#8b5cf6] dark:[--c-other4:#a78bfa]",
  "[--c-more:#78716c] dark:[--c-more:#a8a29e]",
  "[--c-never:#a1a1aa] dark:[--c-never:#52525b]",
  "[--c-grid:#e4e4e7] dark:[--c-grid:#27272a]",
  "[--c-axis:#71717a] dark:[--c-axis:#a1a1aa]",
  "[--c-line:#059669] dark:[--c-line:#34d399]",
  "[--c-mark:#0284c7] dark:[--c-mark:#38bdf8]",
  // Text drawn on a segment: dark on the light hues, white on the dark ones, per theme.
  "[--t-dark:#18181b] [--t-light:#ffffff]",
  "[--t-other3:#ffffff] dark:[--t-other3:#18181b]",
  "[--t-other4:#ffffff] dark:[--t-other4:#18181b]",
  "[--t-more:#ffffff] dark:[--t-more:#18181b]",
  "[--t-never:#18181b] dark:[--t-never:#f4f4f5]",
].join(" ");

export const SEGMENT_TEXT: Record<SegmentKey, string> = {
  desired: "var(--t-dark)",
  other1: "var(--t-dark)",
  other2: "var(--t-dark)",
  other3: "var(--t-other3)",
  other4: "var(--t-other4)",
  more: "var(--t-more)",
  never: "var(--t-never)",
};

export const SEGMENT_FILL: Record<SegmentKey, string> = {
  desired: "var(--c-desired)",
  other1: "var(--c-other1)",
  other2: "var(--c-other2)",
  other3: "var(--c-other3)",
  other4: "var(--c-other4)",
  more: "var(--c-more)",
  never: "var(--c-never)",
};

/** The same colours as Tailwind classes, for HTML legends beside the charts. */
export const SEGMENT_SWATCH: Record<SegmentKey, string> = {
  desired: "bg-emerald-500 dark:bg-emerald-400",
  other1: "bg-amber-400 dark:bg-amber-500",
  other2: "bg-orange-500 dark:bg-orange-400",
  other3: "bg-rose-600 dark:bg-rose-400",
  other4: "bg-violet-500 dark:bg-violet-400",
  more: "bg-stone-500 dark:bg-stone-400",
  never: "bg-zinc-400 dark:bg-zinc-600",
};
