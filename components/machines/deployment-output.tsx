"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { Badge, type Tone } from "@/components/ui/badge";
import type { DeploymentDto } from "@/lib/deploy/queries";

const TONE: Record<string, Tone> = { queued: "gray", running: "violet", succeeded: "green", failed: "red", cancelled: "amber" };

/** A deployment's output, followed live while it runs. */
export function DeploymentOutput({ id }: { id: string }) {
  const { data, error } = useQuery({
    queryKey: ["deployment", id],
    queryFn: async (): Promise<DeploymentDto> => {
      const res = await fetch(`/api/deployments/${id}`);
      if (!res.ok) throw new Error((await res.json()).error?.message ?? res.statusText);
      return res.json();
    },
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 1000),
  });
  const pre = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = pre.current;
    if (el && el.scrollHeight - el.scrollTop - el.clientHeight < 80) el.scrollTop = el.scrollHeight;
  }, [data?.output]);

  if (error) return <p role="alert" className="text-sm text-red-600">Could not load the deployment: {error.message}</p>;
  if (!data) return <p className="text-sm text-zinc-500">Loading deployment…</p>;
  const recap = data.recap as Record<string, number> | null;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Badge tone={TONE[data.status] ?? "gray"}>{data.status}</Badge>
        {data.exitCode !== null ? <span>exit {data.exitCode}</span> : null}
        {recap ? (
          <span className="font-mono text-xs text-zinc-500">
            ok={recap.ok} changed={recap.changed} unreachable={recap.unreachable} failed={recap.failed}
          </span>
        ) : null}
        {data.command.length ? <code className="truncate text-xs text-zinc-500">{data.command.join(" ")}</code> : null}
      </div>
      <pre ref={pre} aria-label="Deployment output" className="max-h-96 overflow-auto rounded border border-zinc-200 bg-zinc-950 p-3 font-mono text-xs leading-relaxed text-zinc-100 dark:border-zinc-800">
        {data.output || (data.status === "queued" ? "Waiting for a worker…" : "No output.")}
      </pre>
    </div>
  );
}
