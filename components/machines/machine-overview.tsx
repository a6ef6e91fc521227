import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { DetailItem } from "@/components/ui/detail-item";
import { TimeAgo } from "@/components/ui/time-ago";
import type { MachineDto } from "@/lib/machines/dto";

const Item = (props: { label: string; children: React.ReactNode }) => <DetailItem width="narrow" {...props} />;

const none = <span className="text-zinc-400">—</span>;

export function MachineOverview({ m }: { m: MachineDto }) {
  const drift = m.bootedVersion && m.desiredVersion && m.bootedVersion !== m.desiredVersion;
  return (
    <div className="grid gap-x-10 text-sm lg:grid-cols-2">
      <dl>
        <Item label="Role">{m.role ? <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/roles/${m.role}`}>{m.role}</Link> : <span>none — its boot holds until it has one</span>}</Item>
        <Item label="Desired image">{m.desiredVersion ? <span className="font-mono">{m.desiredVersion}</span> : none}</Item>
        <Item label="Booted image">
          {m.bootedVersion ? (
            <span className="inline-flex items-center gap-2">
              <span className="font-mono">{m.bootedVersion}</span>
              {drift ? <Badge tone="amber">behind desired</Badge> : <Badge tone="green">converged</Badge>}
            </span>
          ) : (
            <span className="text-zinc-500">never reported</span>
          )}
        </Item>
        <Item label="Last boot"><TimeAgo date={m.lastBootAt} /></Item>
        <Item label="Last seen"><TimeAgo date={m.lastSeenAt} /></Item>
        <Item label="State since"><TimeAgo date={m.stateChangedAt} /></Item>
      </dl>
      <dl>
        <Item label="IPv4"><span className="font-mono">{m.ipv4 ?? "—"}</span>{m.subnet ? <span className="text-zinc-500"> in {m.subnet}</span> : null}</Item>
        <Item label="Interfaces">
          <ul>
            {m.interfaces.map((i) => (
              <li key={i.mac} className="font-mono">
                {i.mac} {i.isBoot ? <Badge tone="blue">boot</Badge> : null}
              </li>
            ))}
          </ul>
        </Item>
        <Item label="Rack">{m.rack ?? none}</Item>
        <Item label="BMC">
          {m.bmc ? (
            <span>
              {m.bmc.type} <span className="font-mono">{m.bmc.address}{m.bmc.port ? `:${m.bmc.port}` : ""}</span> as {m.bmc.username}
              {m.bmc.hasPassword ? "" : <span className="text-amber-700 dark:text-amber-400"> (no password)</span>}
            </span>
          ) : (
            <span className="text-zinc-500">none — rollouts cannot power-cycle it</span>
          )}
        </Item>
        <Item label="Tags">{m.tags.length ? m.tags.join(", ") : none}</Item>
        <Item label="Notes">{m.notes || none}</Item>
      </dl>
    </div>
  );
}
