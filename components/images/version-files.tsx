import { splitCommonDir } from "@/lib/images/format";

/** A version's three files as one line: their shared directory, then each name. */
export function VersionFiles({ kernelPath, initrdPath, squashfsPath }: { kernelPath: string; initrdPath: string; squashfsPath: string }) {
  const { dir, names } = splitCommonDir([kernelPath, initrdPath, squashfsPath]);
  return (
    <span className="font-mono text-xs" title={[kernelPath, initrdPath, squashfsPath].join("\n")}>
      <span className="text-zinc-500 dark:text-zinc-400">{dir}</span>
      {names.join(" · ")}
    </span>
  );
}
