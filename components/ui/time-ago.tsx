const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1000],
];

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });

export function formatAgo(date: Date, now = Date.now()): string {
  const diff = date.getTime() - now;
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === "second") return rtf.format(Math.round(diff / ms), unit);
  }
  return "";
}

/**
 * A relative time with the exact one on hover. The browser's clock has moved on since the
 * server rendered it ("38 sec. ago" becomes "39 sec. ago"), which is no mismatch to report.
 */
export function TimeAgo({ date, empty = "never" }: { date: Date | string | null | undefined; empty?: string }) {
  if (!date) return <span className="text-zinc-400 dark:text-zinc-500">{empty}</span>;
  const d = typeof date === "string" ? new Date(date) : date;
  return (
    <time suppressHydrationWarning dateTime={d.toISOString()} title={d.toISOString().replace("T", " ").slice(0, 19) + " UTC"}>
      {formatAgo(d)}
    </time>
  );
}
