import Link from "next/link";
import { Fragment } from "react";

/** The roles whose desired version this is, each linking to its role. */
export function DesiredBy({ roles }: { roles: string[] }) {
  if (roles.length === 0) return <span className="text-zinc-400 dark:text-zinc-500">—</span>;
  return roles.map((role, i) => (
    <Fragment key={role}>
      {i > 0 ? ", " : null}
      <Link className="text-sky-700 hover:underline dark:text-sky-400" href={`/roles/${role}`}>
        {role}
      </Link>
    </Fragment>
  ));
}
