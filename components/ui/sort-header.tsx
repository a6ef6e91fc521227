import Link from "next/link";

/**
 * A table header that orders its table: a link to the table in this column's order (a
 * second click on the sorted column turns it round), with aria-sort and an arrow.
 */
export function SortHeader({ label, href, active, desc, className }: { label: string; href: string; active: boolean; desc: boolean; className?: string }) {
  const next = active && !desc ? "descending" : "ascending";
  return (
    <th aria-sort={active ? (desc ? "descending" : "ascending") : "none"} className={className}>
      <Link href={href} title={`Sort by ${lowerLabel(label)}, ${next}`} className="group inline-flex items-center gap-1 whitespace-nowrap hover:text-zinc-900 dark:hover:text-zinc-100">
        {label}
        <span aria-hidden className={active ? "" : "opacity-0 group-hover:opacity-60 group-focus-visible:opacity-60"}>
          {active && desc ? "↓" : "↑"}
        </span>
      </Link>
    </th>
  );
}

/** A column's label inside a sentence: "Last seen" → "last seen", an acronym ("IPv4") kept. */
export function lowerLabel(label: string): string {
  return label.replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase());
}
