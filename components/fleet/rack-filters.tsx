"use client";

import Form from "next/form";
import Link from "next/link";
import { rackHref } from "@/lib/fleet/links";
import type { RackQuery } from "@/lib/fleet/schema";

const CONTROL = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
const SEGMENT =
  "border-r border-zinc-300 px-2.5 py-1 last:border-r-0 hover:bg-zinc-50 aria-[current=page]:bg-sky-600 aria-[current=page]:text-white dark:border-zinc-700 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-sky-500 dark:aria-[current=page]:text-zinc-950";

function Segments<K extends "by" | "sort">({ q, name, label, options }: { q: RackQuery; name: K; label: string; options: [RackQuery[K], string][] }) {
  return (
    <nav aria-label={label} className="inline-flex items-center gap-2 text-sm">
      <span className="text-zinc-500 dark:text-zinc-400">{label}</span>
      <span className="inline-flex overflow-hidden rounded border border-zinc-300 dark:border-zinc-700">
        {options.map(([value, text]) => (
          <Link key={value} href={rackHref(q, { [name]: value, page: 1 })} aria-current={q[name] === value ? "page" : undefined} className={SEGMENT}>
            {text}
          </Link>
        ))}
      </span>
    </nav>
  );
}

/** Role filter, colouring and order; all in the URL. */
export function RackFilters({ q, roles }: { q: RackQuery; roles: string[] }) {
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
      <Form action="/fleet/racks" className="flex items-center gap-2">
        {q.by !== "version" ? <input type="hidden" name="by" value={q.by} /> : null}
        {q.sort !== "name" ? <input type="hidden" name="sort" value={q.sort} /> : null}
        <select name="role" aria-label="Role" className={CONTROL} defaultValue={q.role ?? ""} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          <option value="">All roles</option>
          {roles.map((r) => <option key={r} value={r}>{r}</option>)}
          <option value="-">(no role)</option>
        </select>
        <noscript><button type="submit" className={CONTROL}>Apply</button></noscript>
      </Form>
      <Segments q={q} name="by" label="Colour by" options={[["version", "version"], ["state", "state"]]} />
      <Segments q={q} name="sort" label="Order" options={[["name", "by name"], ["worst", "least converged first"]]} />
    </div>
  );
}
