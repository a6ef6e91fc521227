"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

type Action = "pxe-cycle" | "cycle" | "on" | "off";

const LABELS: Record<Action, string> = { "pxe-cycle": "PXE reboot", cycle: "Power cycle", on: "Power on", off: "Power off" };

/** Power actions through the machine's BMC; the outcome (or the BMC's reason) shows beside. */
export function PowerMenu({ action }: { action: (a: Action) => Promise<{ ok: boolean; message: string }> }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      {result ? (
        <span role={result.ok ? "status" : "alert"} className={`max-w-xs truncate text-sm ${result.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`} title={result.message}>
          {result.message}
        </span>
      ) : null}
      {open ? (
        (Object.keys(LABELS) as Action[]).map((a) => (
          <Button
            key={a}
            variant={a === "off" ? "danger" : "secondary"}
            disabled={pending}
            onClick={() =>
              start(async () => {
                setResult(await action(a));
                setOpen(false);
              })
            }
          >
            {LABELS[a]}
          </Button>
        ))
      ) : (
        <Button variant="secondary" disabled={pending} onClick={() => setOpen(true)}>
          {pending ? "Sending…" : "Power…"}
        </Button>
      )}
    </span>
  );
}
