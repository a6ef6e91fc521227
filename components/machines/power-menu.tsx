"use client";

import { useEffect, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmInline } from "@/components/ui/confirm-inline";

type Action = "pxe-cycle" | "cycle" | "on" | "off";

const LABELS: Record<Action, string> = { "pxe-cycle": "PXE reboot", cycle: "Power cycle", on: "Power on", off: "Power off" };
// What each action does to a running machine, said before it is sent.
const CONSEQUENCE: Record<Action, string> = {
  "pxe-cycle": "It restarts at once, whatever it is running, and boots from the network.",
  cycle: "It restarts at once, whatever it is running.",
  on: "It powers on if it is off.",
  off: "It stops at once, whatever it is running.",
};

/**
 * Power actions through the machine's BMC: pick one, confirm it (every action but Power
 * on interrupts a running machine), and the outcome, or the BMC's reason, shows beside.
 */
export function PowerMenu({
  hostname,
  action,
  readState,
}: {
  hostname: string;
  action: (a: Action) => Promise<{ ok: boolean; message: string }>;
  /** Asks the BMC whether the machine is on, when the menu opens. */
  readState?: () => Promise<{ state: "on" | "off" | "unknown"; message: string }>;
}) {
  const [open, setOpen] = useState(false);
  const [power, setPower] = useState<{ state: "on" | "off" | "unknown"; message: string } | null>(null);
  useEffect(() => {
    if (!open || !readState) return;
    let current = true;
    readState().then((p) => current && setPower(p), () => current && setPower({ state: "unknown", message: "Could not read the power state." }));
    return () => {
      current = false;
    };
  }, [open, readState]);
  // Power on is for a machine that is off, Power off for one that is on; while unknown, all are offered.
  const offered = (Object.keys(LABELS) as Action[]).filter((a) => !(a === "on" && power?.state === "on") && !(a === "off" && power?.state === "off"));
  const [chosen, setChosen] = useState<Action | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [pending, start] = useTransition();
  const send = (a: Action) =>
    start(async () => {
      setResult(await action(a));
      setChosen(null);
      setOpen(false);
    });
  return (
    <span className="inline-flex flex-wrap items-center justify-end gap-2">
      {result ? (
        <span role={result.ok ? "status" : "alert"} className={`max-w-md text-sm ${result.ok ? "text-emerald-700 dark:text-emerald-400" : "text-red-600 dark:text-red-400"}`}>
          {result.message}
        </span>
      ) : null}
      {chosen ? (
        <ConfirmInline
          question={`${LABELS[chosen]} ${hostname}? ${CONSEQUENCE[chosen]}`}
          confirm={LABELS[chosen]}
          pendingLabel="Sending…"
          back="Back"
          pending={pending}
          variant={chosen === "on" ? "primary" : "danger"}
          onConfirm={() => send(chosen)}
          onBack={() => setChosen(null)}
        />
      ) : open ? (
        <>
          {readState ? (
            <span role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
              {power ? power.message : "Asking the BMC…"}
            </span>
          ) : null}
          {offered.map((a) => (
            <Button key={a} variant={a === "off" ? "danger" : "secondary"} disabled={pending} onClick={() => setChosen(a)}>
              {LABELS[a]}…
            </Button>
          ))}
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Close
          </Button>
        </>
      ) : (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() => {
            setPower(null);
            setOpen(true);
          }}
        >
          Power…
        </Button>
      )}
    </span>
  );
}
