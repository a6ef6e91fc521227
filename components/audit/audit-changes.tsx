import { describeChanges } from "@/lib/audit/describe";

const SHOWN = 3;

/** The first few changed fields; the rest, and every long value, one click away. */
export function AuditChanges({ changes, action }: { changes: unknown; action: string }) {
  const lines = describeChanges(changes, action);
  if (!lines.length) return <span className="text-zinc-400">—</span>;
  const list = (items: typeof lines) => (
    <ul className="space-y-0.5">
      {items.map((l) => (
        <li key={l.field} className="break-words">
          <span className="text-zinc-500 dark:text-zinc-400">{l.field}:</span> {l.text}
        </li>
      ))}
    </ul>
  );
  const long = lines.length > SHOWN || lines.some((l) => l.text.length > 120);
  if (!long) return list(lines);
  const short = lines.slice(0, SHOWN).map((l) => ({ ...l, text: l.text.length > 120 ? `${l.text.slice(0, 117)}…` : l.text }));
  return (
    <details className="group">
      <summary className="cursor-pointer list-none">
        <div className="group-open:hidden">{list(short)}</div>
        <span className="text-sky-700 hover:underline group-open:hidden dark:text-sky-400">{lines.length > SHOWN ? `all ${lines.length} fields` : "in full"}</span>
        <span className="hidden text-sky-700 hover:underline group-open:inline dark:text-sky-400">less</span>
      </summary>
      {list(lines)}
    </details>
  );
}
