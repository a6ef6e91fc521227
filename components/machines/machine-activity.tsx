import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import { summarizePayload } from "@/lib/events/summary";

interface EventRow {
  id: bigint;
  kind: string;
  payload: unknown;
  createdAt: Date;
}

interface DeploymentRow {
  id: string;
  status: string;
  trigger: string;
  exitCode: number | null;
  queuedAt: Date;
  finishedAt: Date | null;
  imageVersion: { version: string; image: { name: string } } | null;
}

const DEPLOY_TONE: Record<string, Tone> = { queued: "gray", running: "violet", succeeded: "green", failed: "red", cancelled: "amber" };

export function MachineEvents({ events }: { events: EventRow[] }) {
  if (!events.length) return <EmptyState title="No events yet">Events appear when this machine fetches its boot script, reports in and deploys.</EmptyState>;
  return (
    <table className="data-table">
      <thead><tr><th>When</th><th>Event</th><th>Details</th></tr></thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id.toString()}>
            <td><TimeAgo date={e.createdAt} /></td>
            <td className="font-mono">{e.kind}</td>
            <td className="max-w-md truncate font-mono text-xs text-zinc-500" title={summarizePayload(e.payload, 2000)}>
              {summarizePayload(e.payload, 160)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function MachineDeployments({ deployments, hostname }: { deployments: DeploymentRow[]; hostname: string }) {
  if (!deployments.length) return <EmptyState title="No deployments yet">A deployment runs each time the machine reports in after a boot.</EmptyState>;
  return (
    <table className="data-table">
      <thead><tr><th>Queued</th><th>Status</th><th>Trigger</th><th>Image</th><th>Exit</th><th>Finished</th></tr></thead>
      <tbody>
        {deployments.map((d) => (
          <tr key={d.id}>
            <td><Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/machines/${hostname}?deployment=${d.id}`}><TimeAgo date={d.queuedAt} /></Link></td>
            <td><Badge tone={DEPLOY_TONE[d.status] ?? "gray"}>{d.status}</Badge></td>
            <td>{d.trigger}</td>
            <td className="font-mono">{d.imageVersion ? `${d.imageVersion.image.name}:${d.imageVersion.version}` : "—"}</td>
            <td className="tabular-nums">{d.exitCode ?? "—"}</td>
            <td><TimeAgo date={d.finishedAt} empty="—" /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
