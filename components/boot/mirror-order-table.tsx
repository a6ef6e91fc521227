import { EmptyState } from "@/components/ui/empty-state";
import type { MirrorStanding } from "@/lib/boot/preview";

export function MirrorOrderTable({ mirrors }: { mirrors: MirrorStanding[] }) {
  if (mirrors.length === 0) return <EmptyState title="No mirrors">Add a mirror so machines have somewhere to fetch their image from.</EmptyState>;
  const sorted = [...mirrors].sort((a, b) => (a.place ?? 99) - (b.place ?? 99) || a.name.localeCompare(b.name));
  return (
    <table className="w-full text-left text-sm">
      <thead className="text-zinc-500 dark:text-zinc-400">
        <tr>
          <th scope="col" className="py-1 pr-4 font-medium">Order</th>
          <th scope="col" className="py-1 pr-4 font-medium">Mirror</th>
          <th scope="col" className="py-1 pr-4 font-medium">Base URL</th>
          <th scope="col" className="py-1 pr-4 font-medium">Weight</th>
          <th scope="col" className="py-1 font-medium">Note</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((m) => (
          <tr key={m.name} className="border-t border-zinc-200 dark:border-zinc-800">
            <td className="py-1 pr-4">{m.place ?? "—"}</td>
            <td className="py-1 pr-4 font-mono">{m.name}</td>
            <td className="py-1 pr-4 font-mono">{m.baseUrl}</td>
            <td className="py-1 pr-4">{m.weight}</td>
            <td className="py-1 text-zinc-500 dark:text-zinc-400">{m.note ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
