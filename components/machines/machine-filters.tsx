"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

const SELECT =
  "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** Filters live in the URL, so a filtered list can be bookmarked and shared. */
export function MachineFilters({ roles, racks, states }: { roles: string[]; racks: string[]; states: readonly string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [q, setQ] = useState(params.get("q") ?? "");
  const [pending, start] = useTransition();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = useRef<HTMLInputElement>(null);

  function apply(name: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    next.delete("cursor");
    start(() => router.replace(`${pathname}?${next.toString()}`));
  }

  useEffect(() => () => clearTimeout(timer.current), []);

  // "/" jumps to the search box from anywhere on the page, as in most consoles, unless the
  // keyboard is already in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const at = e.target as HTMLElement | null;
      if (at && (at.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(at.tagName))) return;
      e.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form role="search" className="flex flex-wrap items-center gap-2" onSubmit={(e) => { e.preventDefault(); apply("q", q); }}>
      <input
        ref={search}
        type="search"
        name="q"
        aria-label="Search hostname, MAC or IP"
        aria-keyshortcuts="/"
        placeholder="Search hostname, MAC or IP…  ( / )"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          clearTimeout(timer.current);
          const value = e.target.value;
          timer.current = setTimeout(() => apply("q", value.trim()), 250);
        }}
        className={`${SELECT} w-72`}
      />
      <select aria-label="Role" className={SELECT} value={params.get("role") ?? ""} onChange={(e) => apply("role", e.target.value)}>
        <option value="">All roles</option>
        {roles.map((r) => <option key={r} value={r}>{r}</option>)}
        <option value="-">(no role)</option>
      </select>
      <select aria-label="State" className={SELECT} value={params.get("state") ?? ""} onChange={(e) => apply("state", e.target.value)}>
        <option value="">All states</option>
        {states.map((s) => <option key={s} value={s}>{s}</option>)}
      </select>
      <select aria-label="Rack" className={SELECT} value={params.get("rack") ?? ""} onChange={(e) => apply("rack", e.target.value)}>
        <option value="">All racks</option>
        {racks.map((r) => <option key={r} value={r}>{r}</option>)}
      </select>
      {pending ? <span role="status" className="text-xs text-zinc-500">Loading…</span> : null}
    </form>
  );
}
