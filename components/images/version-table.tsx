"use client";

import { Fragment, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { DeleteButton } from "@/components/ui/delete-button";
import type { FormState } from "@/lib/forms/action";
import { formatBytes, shortSha } from "@/lib/images/format";
import { DesiredBy } from "./desired-by";
import { VersionFiles } from "./version-files";
import { VersionForm, type VersionValues } from "./version-form";
import { VersionStatusBadge } from "./version-status-badge";

export interface VersionRow extends VersionValues {
  id: string;
  ref: string;
  desiredBy: string[];
  bootedMachines: number;
  /** Rendered on the server: a relative time computed in the browser would not match it. */
  added: ReactNode;
}

export interface VersionRowActions {
  update: (prev: FormState, fd: FormData) => Promise<FormState>;
  remove: () => Promise<void | { error: string }>;
}

/** An image's versions; each row opens an edit form with its delete button beneath it. */
export function VersionTable({ versions, actions }: { versions: VersionRow[]; actions: Record<string, VersionRowActions> }) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Version</th>
          <th>Status</th>
          <th className="whitespace-nowrap">Desired by</th>
          <th className="whitespace-nowrap text-right" title="Machines that last reported booting this version">Booted on</th>
          <th className="text-right">Size</th>
          <th>SHA-256</th>
          <th>Added</th>
          <th>Files</th>
          <th>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <Fragment key={v.id}>
            <tr>
              <td className="font-mono font-medium">{v.version}</td>
              <td>
                <VersionStatusBadge status={v.status} />
              </td>
              <td>
                <DesiredBy roles={v.desiredBy} />
              </td>
              <td className="text-right tabular-nums">{v.bootedMachines || "—"}</td>
              <td className="text-right tabular-nums">{formatBytes(v.sizeBytes)}</td>
              <td className="font-mono text-xs" title={v.sha256 ?? "no checksum recorded"}>
                {shortSha(v.sha256)}
              </td>
              <td>
                {v.added}
              </td>
              <td className="!whitespace-normal">
                <VersionFiles kernelPath={v.kernelPath} initrdPath={v.initrdPath} squashfsPath={v.squashfsPath} />
              </td>
              <td className="text-right">
                {actions[v.id] ? (
                  <Button variant="secondary" className="!px-2 !py-0.5 text-xs" aria-expanded={open === v.id} onClick={() => setOpen(open === v.id ? null : v.id)}>
                    {open === v.id ? "Close" : "Edit"}
                    <span className="sr-only"> {v.version}</span>
                  </Button>
                ) : null}
              </td>
            </tr>
            {open === v.id && actions[v.id] ? (
              <tr className="hover:!bg-transparent">
                <td colSpan={9} className="!whitespace-normal bg-zinc-50 !px-4 !py-4 dark:bg-zinc-900/60">
                  <div className="w-0 min-w-full space-y-4">
                    {/* w-0 min-w-full: the form takes the width the table has, never widens it */}
                    <VersionForm action={actions[v.id].update} version={v} submitLabel={`Save ${v.version}`} />
                    <div className="flex items-center justify-between gap-3 border-t border-zinc-200 pt-3 dark:border-zinc-800">
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        A version can be deleted once no role desires it and no machine last booted it.
                      </p>
                      <DeleteButton action={actions[v.id].remove} what={`version ${v.ref}`} />
                    </div>
                  </div>
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
