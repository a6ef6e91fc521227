"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Status = "connecting" | "live" | "reconnecting";

const LABEL: Record<Status, string> = { connecting: "connecting…", live: "live", reconnecting: "reconnecting…" };
const DOT: Record<Status, string> = { connecting: "bg-zinc-400", live: "bg-emerald-500", reconnecting: "bg-amber-500" };

/**
 * Re-renders the page's server components when matching events arrive on the event
 * stream (coalesced, at most about once a second), so lists and details stay current
 * without a reload. EventSource reconnects by itself and resumes with Last-Event-ID.
 * Holding keeps the page still (a list sorted by state reorders under the pointer during
 * a rollout) and counts what arrived meanwhile; Show brings it in at once. (Not "Pause":
 * a rollout's page has a Pause button of its own, which stops reboots.)
 */
export function LiveRefresh({ machine, rollout, kind }: { machine?: string; rollout?: string; kind?: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [held, setHeld] = useState(false);
  const [missed, setMissed] = useState(0);
  const heldRef = useRef(false);

  useEffect(() => {
    const params = new URLSearchParams();
    if (machine) params.set("machine", machine);
    if (rollout) params.set("rollout", rollout);
    if (kind) params.set("kind", kind);
    const source = new EventSource(`/api/events?${params}`);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "reconnecting" : "reconnecting");
    source.onmessage = () => {
      if (heldRef.current) {
        setMissed((n) => n + 1);
        return;
      }
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        router.refresh();
      }, 1000);
    };
    return () => {
      source.close();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [machine, rollout, kind, router]);

  const toggle = () => {
    const next = !held;
    heldRef.current = next;
    setHeld(next);
    if (!next && missed > 0) router.refresh();
    setMissed(0);
  };

  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
      <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5" title="Updates arrive as machines boot, report in and deploy">
        <span aria-hidden className={`size-2 rounded-full ${held ? "bg-zinc-400" : DOT[status]}`} />
        {held ? (missed ? `held, ${missed} update${missed === 1 ? "" : "s"} waiting` : "held") : LABEL[status]}
      </span>
      <button
        type="button"
        aria-pressed={held}
        aria-label={held ? "Show live updates" : "Hold live updates"}
        onClick={toggle}
        className="rounded px-1 underline-offset-2 hover:text-zinc-900 hover:underline dark:hover:text-zinc-100"
        title={held ? "Show what changed and keep the page current again" : "Hold the page still; changes are counted, not shown"}
      >
        {held ? "Show" : "Hold"}
      </button>
    </span>
  );
}
