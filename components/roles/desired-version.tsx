import Link from "next/link";
import { VersionStatusBadge } from "@/components/images/version-status-badge";

/** A role's desired version as "image:version", linking to its image, with its status. */
export function DesiredVersion({ label, status }: { label: string | null; status: string | null }) {
  if (!label) {
    return (
      <span className="text-zinc-500 dark:text-zinc-400" title="Its machines have no image to boot until one is set">
        none set
      </span>
    );
  }
  const [image] = label.split(":");
  return (
    <span className="inline-flex items-center gap-1.5">
      <Link href={`/images/${image}`} className="font-mono text-sky-700 hover:underline dark:text-sky-400">
        {label}
      </Link>
      {status ? <VersionStatusBadge status={status} /> : null}
    </span>
  );
}
