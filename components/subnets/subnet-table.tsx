import Link from "next/link";
import type { SubnetWithUsage } from "@/lib/subnets/queries";

const DASH = <span className="text-zinc-400 dark:text-zinc-600">—</span>;

export function PoolUsage({ used, size }: { used: number; size: number | null }) {
  if (size === null) return <span className="text-zinc-500 dark:text-zinc-400">no pool</span>;
  const full = used >= size;
  return (
    <span className={`tabular-nums ${full ? "font-medium text-red-700 dark:text-red-400" : ""}`} title={`${size - used} free`}>
      {used.toLocaleString("en")} / {size.toLocaleString("en")}
      {full ? " full" : ""}
    </span>
  );
}

export function SubnetTable({ subnets }: { subnets: SubnetWithUsage[] }) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th>Name</th>
          <th>CIDR</th>
          <th>Gateway</th>
          <th>Pool</th>
          <th className="text-right">Pool used</th>
          <th className="text-right">Machines</th>
          <th>DNS</th>
          <th>Domain</th>
          <th>Next server</th>
        </tr>
      </thead>
      <tbody>
        {subnets.map((s) => (
          <tr key={s.id}>
            <td>
              <Link className="font-medium text-sky-700 hover:underline dark:text-sky-400" href={`/subnets/${s.id}`}>
                {s.name}
              </Link>
            </td>
            <td className="font-mono">{s.cidr}</td>
            <td className="font-mono">{s.gateway ?? DASH}</td>
            <td className="font-mono">{s.poolStart && s.poolEnd ? `${s.poolStart} – ${s.poolEnd}` : DASH}</td>
            <td className="text-right">
              <PoolUsage used={s.poolUsed} size={s.poolSize} />
            </td>
            <td className="text-right tabular-nums">{s.machineCount.toLocaleString("en")}</td>
            <td className="font-mono">{s.dns.length ? s.dns.join(", ") : DASH}</td>
            <td>{s.domain ?? DASH}</td>
            <td className="font-mono">{s.nextServer ?? DASH}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
