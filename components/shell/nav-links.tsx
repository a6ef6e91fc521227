"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Fleet" },
  { href: "/machines", label: "Machines" },
  { href: "/roles", label: "Roles" },
  { href: "/images", label: "Images" },
  { href: "/mirrors", label: "Mirrors" },
  { href: "/subnets", label: "Subnets" },
  { href: "/rollouts", label: "Rollouts" },
  { href: "/events", label: "Events" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {LINKS.map(({ href, label }) => {
        const active = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={`block rounded px-2 py-1.5 text-sm ${
                active
                  ? "bg-sky-100 font-medium text-sky-900 dark:bg-sky-900/40 dark:text-sky-100"
                  : "text-zinc-700 hover:bg-zinc-200/60 dark:text-zinc-300 dark:hover:bg-zinc-800"
              }`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
