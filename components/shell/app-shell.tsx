import Link from "next/link";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

export function AppShell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-48 shrink-0 flex-col border-r border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
        <Link href="/" className="flex items-center gap-2 px-4 py-3 text-base font-semibold tracking-tight">
          <span aria-hidden className="inline-block size-3 rounded-sm bg-sky-500" />
          Fleetboot
        </Link>
        <nav aria-label="Main" className="flex-1 px-2">
          <NavLinks />
        </nav>
        <div className="border-t border-zinc-200 p-2 dark:border-zinc-800">
          <ThemeToggle />
        </div>
      </aside>
      <main className="min-w-0 flex-1">{children}</main>
    </div>
  );
}
