import Link from "next/link";

export interface Exclusion {
  hostname: string;
  reason: string;
}

const SHOWN = 200;

/** Machines a rollout leaves out and why: the reasons counted, then the machines (the first 200). */
export function ExcludedTable({ excluded }: { excluded: Exclusion[] }) {
  const reasons = new Map<string, number>();
  for (const e of excluded) reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
  return (
    <div className="space-y-2">
      {reasons.size > 1 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {[...reasons].map(([reason, n]) => `${n.toLocaleString("en")} ${reason}`).join(" · ")}
        </p>
      ) : null}
      <div className="overflow-x-auto rounded border border-zinc-200 dark:border-zinc-800">
        <table className="data-table">
          <thead>
            <tr>
              <th>Machine</th>
              <th>Left out because</th>
            </tr>
          </thead>
          <tbody>
            {excluded.slice(0, SHOWN).map((e) => (
              <tr key={e.hostname}>
                <td className="font-mono">
                  <Link href={`/machines/${e.hostname}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {e.hostname}
                  </Link>
                </td>
                <td className="whitespace-normal">{e.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {excluded.length > SHOWN ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          The first {SHOWN} of {excluded.length.toLocaleString("en")} shown.
        </p>
      ) : null}
    </div>
  );
}
