import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { rolloutHref } from "@/lib/fleet/links";
import type { DriftRoleGroup } from "@/lib/fleet/drift-queries";
import type { DriftListQuery } from "@/lib/fleet/schema";

/**
 * "Roll these": a rollout is per role, so one prefilled rollout per role in the list.
 * Machines without a role have nothing to roll to.
 */
export function RollLinks({ groups, q }: { groups: DriftRoleGroup[]; q: DriftListQuery }) {
  const roles = groups.filter((g): g is DriftRoleGroup & { role: string } => g.role !== null);
  const orphans = groups.find((g) => g.role === null);
  if (!roles.length && !orphans) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      {roles.map((g) => (
        <Link
          key={g.role}
          href={rolloutHref(g.role, g, q)}
          className={buttonClass(roles.length === 1 ? "primary" : "secondary")}
          title={`Start a rollout of ${g.role} prefilled with ${g.count === 1 ? "this machine" : `these ${g.count} machines`}`}
        >
          Roll these {g.count.toLocaleString("en")} {roles.length > 1 || !q.role ? `${g.role} ` : ""}machine{g.count === 1 ? "" : "s"}
        </Link>
      ))}
      {orphans ? (
        <span className="text-zinc-500 dark:text-zinc-400">
          {orphans.count.toLocaleString("en")} without a role: give {orphans.count === 1 ? "it" : "them"} a role to roll {orphans.count === 1 ? "it" : "them"}.
        </span>
      ) : null}
    </div>
  );
}
