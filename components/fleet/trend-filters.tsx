"use client";

import Form from "next/form";
import Link from "next/link";
import { TREND_RANGES, type TrendQuery, type TrendRange } from "@/lib/fleet/schema";

const CONTROL = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

function href(range: TrendRange, role?: string) {
  const params = new URLSearchParams({ range });
  if (role) params.set("role", role);
  return `/fleet/trend?${params}`;
}

/** The time range as links (one click each) and the role as a select; both live in the URL. */
export function TrendFilters({ q, roles }: { q: TrendQuery; roles: string[] }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <nav aria-label="Time range" className="inline-flex overflow-hidden rounded border border-zinc-300 text-sm dark:border-zinc-700">
        {(Object.keys(TREND_RANGES) as TrendRange[]).map((r) => (
          <Link
            key={r}
            href={href(r, q.role)}
            aria-current={q.range === r ? "page" : undefined}
            className="border-r border-zinc-300 px-2.5 py-1 last:border-r-0 hover:bg-zinc-50 aria-[current=page]:bg-sky-600 aria-[current=page]:text-white dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-sky-500 dark:aria-[current=page]:text-zinc-950"
          >
            {TREND_RANGES[r].label}
          </Link>
        ))}
      </nav>
      <Form action="/fleet/trend" className="flex items-center gap-2">
        <input type="hidden" name="range" value={q.range} />
        <select name="role" aria-label="Role" className={CONTROL} defaultValue={q.role ?? ""} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          <option value="">All roles</option>
          {roles.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
        <noscript><button type="submit" className={CONTROL}>Apply</button></noscript>
      </Form>
    </div>
  );
}
