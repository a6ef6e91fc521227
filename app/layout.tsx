import type { Metadata } from "next";
import Script from "next/script";
import "./globals.css";
import { logoutAction } from "./login/actions";
import { AppShell } from "@/components/shell/app-shell";
import { Providers } from "@/components/shell/providers";

export const metadata: Metadata = {
  title: { default: "Fleetboot", template: "%s · Fleetboot" },
  description: "Web console for fleets of diskless, live-booted servers",
};

// Everything here reads live fleet state; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

// Applied before first paint so a dark-theme user never sees a white flash.
const themeScript = `try{var t=localStorage.getItem("theme");if(t==="dark"||(!t&&matchMedia("(prefers-color-scheme: dark)").matches))document.documentElement.classList.add("dark")}catch(e){}`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <Script id="theme" strategy="beforeInteractive">
          {themeScript}
        </Script>
        <Providers>
          <AppShell logout={logoutAction}>{children}</AppShell>
        </Providers>
      </body>
    </html>
  );
}
