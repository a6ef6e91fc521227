"use client";

import { useState } from "react";
import type { ImportRow } from "@/lib/onboarding/schema";
import { ImportStatusBadge } from "./status-badge";

// Thousands of rows would make the page crawl; the first ones are shown, and the rows
// that need attention can be picked out.
const SHOWN = 500;

const dash = <span className="text-zinc-400 dark:text-zinc-500">—</span>;

export function PreviewTable({ rows }: { rows: ImportRow[] }) {
  const [onlyProblems, setOnlyProblems] = useState(false);
  const attention = rows.filter((r) => r.status !== "ok").length;
  const filtered = onlyProblems ? rows.filter((r) => r.status !== "ok") : rows;
  const shown = filtered.slice(0, SHOWN);
  return (
    <div className="space-y-2">
      {attention > 0 ? (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4 accent-sky-600" checked={onlyProblems} onChange={(e) => setOnlyProblems(e.target.checked)} />
          Only lines that need attention
        </label>
      ) : null}
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="data-table" aria-label="Preview">
          <thead>
            <tr>
              <th scope="col" className="text-right">Line</th>
              <th scope="col">MAC</th>
              <th scope="col">Hostname</th>
              <th scope="col">IPv4</th>
              <th scope="col">Role</th>
              <th scope="col">Rack</th>
              <th scope="col">Status</th>
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.line} className={r.status === "ok" ? undefined : "bg-red-50/50 dark:bg-red-950/20"}>
                <td className="text-right font-mono tabular-nums text-zinc-500">{r.line}</td>
                <td className="font-mono">
                  {r.mac ?? <span className="text-red-700 dark:text-red-400" title="as pasted">{r.input.trim().slice(0, 40) || "—"}</span>}
                </td>
                <td className="font-mono">{r.hostname ?? dash}</td>
                <td className="font-mono tabular-nums">{r.ip ?? dash}</td>
                <td>{r.role ?? dash}</td>
                <td>{r.rack ?? dash}</td>
                <td><ImportStatusBadge status={r.status} /></td>
                <td className="min-w-64 !whitespace-normal text-red-700 dark:text-red-300">
                  {r.messages.length ? (
                    <ul className="space-y-0.5">
                      {r.messages.map((m) => <li key={m}>{m}</li>)}
                    </ul>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {filtered.length > SHOWN ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Showing the first {SHOWN.toLocaleString("en")} of {filtered.length.toLocaleString("en")} lines{onlyProblems ? " that need attention" : ""}.
        </p>
      ) : null}
    </div>
  );
}
