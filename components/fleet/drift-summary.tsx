import Link from "next/link";
import type { DriftCounts } from "@/lib/fleet/drift-queries";
import { DEFAULT_STALE_DAYS, type DriftKind } from "@/lib/fleet/schema";

export const DRIFT_TITLES: Record<DriftKind, string> = {
  version: "On another version",
  stale: "Not rebooted",
  hash: "Image hash mismatch",
};

export function driftExplanation(kind: DriftKind, days: number): string {
  switch (kind) {
    case "version":
      return "Reported an image version other than their role's desired one.";
    case "stale":
      return `Last booted more than ${days} day${days === 1 ? "" : "s"} ago (a live-booted machine's software is as old as its last boot), or reported a version with no boot time on record.`;
    case "hash":
      return "Reported an image sha256 that differs from the one recorded for the version they booted.";
  }
}

/** The three drift lists in one line each, linking to them. */
export function DriftSummary({ counts }: { counts: DriftCounts }) {
  const kinds: DriftKind[] = ["version", "stale", "hash"];
  return (
    <ul aria-label="Drift" className="grid gap-3 sm:grid-cols-3">
      {kinds.map((kind) => (
        <li key={kind}>
          <Link
            href={`/fleet/drift?kind=${kind}`}
            className="block rounded border border-zinc-200 px-3 py-2 hover:border-sky-400 hover:bg-sky-50/50 dark:border-zinc-800 dark:hover:border-sky-700 dark:hover:bg-sky-950/30"
          >
            <span className="block text-xs text-zinc-500 dark:text-zinc-400">
              {kind === "stale" ? `${DRIFT_TITLES.stale} in ${DEFAULT_STALE_DAYS} days` : DRIFT_TITLES[kind]}
            </span>
            <span className={`text-xl font-semibold tabular-nums ${counts[kind] ? "" : "text-zinc-400 dark:text-zinc-500"}`}>
              {counts[kind].toLocaleString("en")}
            </span>
            <span className="ml-1.5 text-sm text-zinc-500 dark:text-zinc-400">machine{counts[kind] === 1 ? "" : "s"} →</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
