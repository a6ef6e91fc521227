"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

/**
 * The sidebar's navigation: always shown from the md breakpoint up; on a narrow screen
 * (a phone on call) folded behind a Menu button in the top bar, and folded again after
 * each navigation.
 */
export function CollapsibleNav({ brand, children }: { brand: React.ReactNode; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  // eslint-disable-next-line react-hooks/set-state-in-effect -- a navigation folds the menu
  useEffect(() => setOpen(false), [pathname]);
  return (
    <>
      <div className="flex items-center justify-between">
        {brand}
        <button
          type="button"
          className="mr-2 rounded px-2 py-1 text-sm text-zinc-700 hover:bg-zinc-200/60 md:hidden dark:text-zinc-300 dark:hover:bg-zinc-800"
          aria-expanded={open}
          aria-controls="main-nav"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? "Close" : "Menu"}
        </button>
      </div>
      <div id="main-nav" className={`${open ? "flex" : "hidden"} flex-1 flex-col md:flex`}>
        {children}
      </div>
    </>
  );
}
