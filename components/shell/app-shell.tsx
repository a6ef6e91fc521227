import Link from "next/link";
import { getConsoleUser } from "@/lib/auth/console";
import { CollapsibleNav } from "./collapsible-nav";
import { NavLinks } from "./nav-links";
import { UserMenu } from "./user-menu";
import { ThemeToggle } from "./theme-toggle";

export async function AppShell({ children, logout }: { children: React.ReactNode; logout: () => Promise<void> }) {
  const user = await getConsoleUser();
  // Logged out, the only reachable pages are log-in and first-start setup: no navigation.
  if (!user) return <main>{children}</main>;
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      {/* The first Tab stop: past the navigation, straight to the page. */}
      <a href="#content" className="sr-only rounded bg-sky-600 px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50">
        Skip to content
      </a>
      <aside className="z-10 flex shrink-0 flex-col border-b border-zinc-200 bg-zinc-50 md:sticky md:top-0 md:h-screen md:w-48 md:border-r md:border-b-0 dark:border-zinc-800 dark:bg-zinc-900">
        <CollapsibleNav
          brand={
            <Link href="/" className="flex items-center gap-2 px-4 py-3 text-base font-semibold tracking-tight">
              <span aria-hidden className="inline-block size-3 rounded-sm bg-sky-500" />
              Fleetboot
            </Link>
          }
        >
          <nav aria-label="Main" className="flex-1 px-2 pb-2 md:pb-0">
            <NavLinks />
          </nav>
          <div className="space-y-1 border-t border-zinc-200 p-2 dark:border-zinc-800">
            <UserMenu email={user.email} role={user.role} logout={logout} />
            <ThemeToggle />
          </div>
        </CollapsibleNav>
      </aside>
      <main id="content" tabIndex={-1} className="min-w-0 flex-1 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
