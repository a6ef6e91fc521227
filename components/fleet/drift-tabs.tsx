import Link from "next/link";
import { driftHref } from "@/lib/fleet/links";
import type { DriftCounts } from "@/lib/fleet/drift-queries";
import { DRIFT_KINDS, type DriftListQuery } from "@/lib/fleet/schema";
import { DRIFT_TITLES } from "./drift-summary";

/** The three lists, each with its count under the current filters; switching keeps the filters. */
export function DriftTabs({ q, counts }: { q: DriftListQuery; counts: DriftCounts }) {
  return (
    <nav aria-label="Drift lists" className="flex flex-wrap gap-2">
      {DRIFT_KINDS.map((kind) => (
        <Link
          key={kind}
          href={driftHref({ ...q, sort: undefined, dir: undefined, page: undefined }, { kind })}
          aria-current={q.kind === kind ? "page" : undefined}
          className="rounded border border-zinc-200 px-3 py-1.5 text-sm hover:border-sky-400 aria-[current=page]:border-sky-600 aria-[current=page]:bg-sky-50 aria-[current=page]:font-medium dark:border-zinc-800 dark:hover:border-sky-700 dark:aria-[current=page]:border-sky-500 dark:aria-[current=page]:bg-sky-950/40"
        >
          {DRIFT_TITLES[kind]}{" "}
          <span className="ml-2 tabular-nums text-zinc-500 dark:text-zinc-400">{counts[kind].toLocaleString("en")}</span>
        </Link>
      ))}
    </nav>
  );
}
