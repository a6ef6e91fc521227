"use client";

import Form from "next/form";
import type { DriftListQuery } from "@/lib/fleet/schema";

const CONTROL = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/**
 * Role, rack and (for the stale list) the threshold, as a GET form: the filters live in
 * the URL, so a filtered list can be shared, and a change submits at once.
 */
export function DriftFilters({ q, roles, racks }: { q: DriftListQuery; roles: string[]; racks: string[] }) {
  const submit = (e: React.ChangeEvent<HTMLSelectElement>) => e.currentTarget.form?.requestSubmit();
  return (
    <Form action="/fleet/drift" role="search" aria-label="Filter the list" className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="kind" value={q.kind} />
      <input type="hidden" name="sort" value={q.sort} />
      <input type="hidden" name="dir" value={q.dir} />
      <select name="role" aria-label="Role" className={CONTROL} defaultValue={q.role ?? ""} onChange={submit}>
        <option value="">All roles</option>
        {roles.map((r) => <option key={r} value={r}>{r}</option>)}
        <option value="-">(no role)</option>
      </select>
      <select name="rack" aria-label="Rack" className={CONTROL} defaultValue={q.rack ?? ""} onChange={submit}>
        <option value="">All racks</option>
        {racks.map((r) => <option key={r} value={r}>{r}</option>)}
        <option value="-">(no rack)</option>
      </select>
      {q.kind === "stale" ? (
        <label className="flex items-center gap-1.5 text-sm">
          Not rebooted for more than
          <input type="number" name="days" min={1} max={3650} defaultValue={q.days} className={`${CONTROL} w-20 tabular-nums`} />
          days
        </label>
      ) : null}
      <button type="submit" className={`${CONTROL} hover:bg-zinc-50 dark:hover:bg-zinc-800`}>Apply</button>
    </Form>
  );
}
