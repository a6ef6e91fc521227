import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

const CONTROL = "rounded border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";

/** The kinds to offer: each family ("machine.") first, then its kinds. */
function kindOptions(kinds: string[]): { value: string; label: string }[] {
  const families = [...new Set(kinds.filter((k) => k.includes(".")).map((k) => `${k.split(".")[0]}.`))];
  return families.flatMap((family) => [
    { value: family, label: `${family}*` },
    ...kinds.filter((k) => k.startsWith(family)).map((k) => ({ value: k, label: `\u00a0\u00a0${k}` })),
  ]).concat(kinds.filter((k) => !k.includes(".")).map((k) => ({ value: k, label: k })));
}

// A plain GET form: filters live in the URL, so a filtered view can be linked and reloaded.
export function EventFilter({ kinds, kind, machine }: { kinds: string[]; kind?: string; machine?: string }) {
  const options = kindOptions(kinds);
  if (kind && !options.some((o) => o.value === kind)) options.unshift({ value: kind, label: `${kind}*` });
  return (
    <form method="get" action="/events" className="flex flex-wrap items-end gap-2" role="search" aria-label="Filter events">
      <label className="space-y-1">
        <span className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">Kind</span>
        <select name="kind" defaultValue={kind ?? ""} className={`${CONTROL} min-w-48`}>
          <option value="">All kinds</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </label>
      <label className="space-y-1">
        <span className="block text-xs font-medium text-zinc-700 dark:text-zinc-300">Machine</span>
        <input name="machine" defaultValue={machine ?? ""} placeholder="hostname or part of it" className={`${CONTROL} w-48 font-mono`} />
      </label>
      <button type="submit" className={buttonClass("secondary")}>
        Filter
      </button>
      {kind || machine ? (
        <Link href="/events" className="px-1 py-1.5 text-sm text-sky-700 hover:underline dark:text-sky-400">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
