import Link from "next/link";
import type { AuditTarget } from "@/lib/audit/queries";

/** The target's kind in words, then its name: a link to its page while it exists, its id on hover. */
export function AuditTargetCell({ type, target, id }: { type: string; target: AuditTarget | undefined; id: string | null }) {
  const kind = type.replaceAll("_", " ");
  if (!target) return <span className="text-zinc-500 dark:text-zinc-400">{kind}</span>;
  return (
    <span title={id ?? undefined}>
      <span className="text-zinc-500 dark:text-zinc-400">{kind} </span>
      {target.href ? (
        <Link href={target.href} className="font-medium text-sky-700 hover:underline dark:text-sky-400">{target.label}</Link>
      ) : (
        <span className="font-medium">{target.label}</span>
      )}
    </span>
  );
}
