import type { ReactNode } from "react";
import { Section } from "@/components/ui/page-header";
import { consoleUrlFromHost } from "@/lib/boot/console-url";

/** The rendered iPXE script of a boot preview, or why it could not be rendered. */
export function ScriptSection({ script, error, children }: { script: string | null; error: string | null; children?: ReactNode }) {
  return (
    <Section title="Script">
      {children}
      {script && consoleUrlFromHost() ? (
        <p role="note" className="text-sm text-amber-800 dark:text-amber-300">
          FLEETBOOT_PUBLIC_URL is not set, so the console&apos;s address in this script is the one this page was opened on. A machine gets
          the address it asked on; set FLEETBOOT_PUBLIC_URL to the address machines use.
        </p>
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p> : null}
      {script ? (
        <pre aria-label="iPXE script" className="max-h-[36rem] overflow-auto rounded border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
          {script}
        </pre>
      ) : null}
    </Section>
  );
}
