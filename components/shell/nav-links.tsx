"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS: { href: string; label: string; indent?: boolean }[] = [
  { href: "/", label: "Fleet" },
  { href: "/machines", label: "Machines" },
  { href: "/machines/unknown", label: "Unknown MACs", indent: true },
  { href: "/roles", label: "Roles" },
  { href: "/images", label: "Images" },
  { href: "/mirrors", label: "Mirrors" },
  { href: "/subnets", label: "Subnets" },
  { href: "/dhcp", label: "DHCP configs", indent: true },
  { href: "/rollouts", label: "Rollouts" },
  { href: "/events", label: "Events" },
  { href: "/audit", label: "Audit log" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="space-y-0.5">
      {LINKS.map(({ href, label, indent }) => {
        // The longest matching link is the active one (/machines/unknown, not /machines).
        // The Fleet pages live at / and under /fleet.
        const matches = (h: string) => (h === "/" ? pathname === "/" || pathname.startsWith("/fleet") : pathname === h || pathname.startsWith(`${h}/`));
        const best = LINKS.filter((l) => matches(l.href)).sort((a, b) => b.href.length - a.href.length)[0];
        const active = best?.href === href;
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              className={`block rounded px-2 py-1.5 text-sm ${indent ? "ml-3 text-xs " : ""}${
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
