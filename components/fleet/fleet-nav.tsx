import Link from "next/link";

const VIEWS = [
  { href: "/", label: "Overview" },
  { href: "/fleet/drift", label: "Drift" },
  { href: "/fleet/trend", label: "Trend" },
  { href: "/fleet/racks", label: "Racks" },
] as const;

export type FleetView = (typeof VIEWS)[number]["label"];

/** The fleet's views side by side: one question each (what runs, what lags, is it improving, where). */
export function FleetNav({ current }: { current: FleetView }) {
  return (
    <nav aria-label="Fleet views" className="flex gap-1 border-b border-zinc-200 px-6 text-sm dark:border-zinc-800">
      {VIEWS.map((v) => (
        <Link
          key={v.href}
          href={v.href}
          aria-current={v.label === current ? "page" : undefined}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-zinc-600 hover:text-zinc-900 aria-[current=page]:border-sky-600 aria-[current=page]:font-medium aria-[current=page]:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100 dark:aria-[current=page]:border-sky-400 dark:aria-[current=page]:text-zinc-100"
        >
          {v.label}
        </Link>
      ))}
    </nav>
  );
}
