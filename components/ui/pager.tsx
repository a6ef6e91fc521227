import Link from "next/link";
import type { ReactNode } from "react";

const LINK = "rounded px-2 py-1 text-sky-700 hover:bg-sky-50 dark:text-sky-400 dark:hover:bg-sky-950/40";
const OFF = "px-2 py-1 text-zinc-400 dark:text-zinc-600";

/**
 * Numbered pages: where this page sits in the whole list, and the way to the others.
 * `summary` replaces the "1–50 of 683" line when pages are not all the same size.
 */
export function Pager({ page, pageSize, total, href, summary }: { page: number; pageSize: number; total: number; href: (page: number) => string; summary?: ReactNode }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : Math.min(total, (page - 1) * pageSize + 1);
  const last = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-zinc-500 tabular-nums dark:text-zinc-400">
        {summary ?? `${first.toLocaleString("en")}–${last.toLocaleString("en")} of ${total.toLocaleString("en")}`}
      </span>
      {pages > 1 ? (
        <span className="flex items-center gap-1 tabular-nums">
          {page > 1 ? <Link className={LINK} href={href(1)}>« First</Link> : <span className={OFF}>« First</span>}
          {page > 1 ? <Link className={LINK} href={href(page - 1)} rel="prev">‹ Previous</Link> : <span className={OFF}>‹ Previous</span>}
          <span className="px-2 text-zinc-600 dark:text-zinc-300">
            Page {page.toLocaleString("en")} of {pages.toLocaleString("en")}
          </span>
          {page < pages ? <Link className={LINK} href={href(page + 1)} rel="next">Next ›</Link> : <span className={OFF}>Next ›</span>}
          {page < pages ? <Link className={LINK} href={href(pages)}>Last »</Link> : <span className={OFF}>Last »</span>}
        </span>
      ) : null}
    </nav>
  );
}
