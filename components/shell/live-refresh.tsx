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
 */
export function LiveRefresh({ machine, rollout, kind }: { machine?: string; rollout?: string; kind?: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    const params = new URLSearchParams();
    if (machine) params.set("machine", machine);
    if (rollout) params.set("rollout", rollout);
    if (kind) params.set("kind", kind);
    const source = new EventSource(`/api/events?${params}`);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus(source.readyState === EventSource.CLOSED ? "reconnecting" : "reconnecting");
    source.onmessage = () => {
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

  return (
    <span role="status" aria-live="polite" className="inline-flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400" title="Updates arrive as machines boot, report in and deploy">
      <span aria-hidden className={`size-2 rounded-full ${DOT[status]}`} />
      {LABEL[status]}
    </span>
  );
}
