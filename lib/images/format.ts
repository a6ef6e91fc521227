// How the console shows a version's size, checksum and files.
const UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

/** 183500800 → "175 MiB"; sizes beyond 2^53 arrive as decimal strings. */
export function formatBytes(size: number | string | null | undefined): string {
  if (size === null || size === undefined) return "—";
  let value = Number(size);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** Enough of a sha256 to tell versions apart at a glance. */
export function shortSha(sha: string | null | undefined): string {
  return sha ? `${sha.slice(0, 12)}…` : "—";
}

/** The directory all `paths` share ("" if none) and what is left of each. */
export function splitCommonDir(paths: string[]): { dir: string; names: string[] } {
  const dirs = paths.map((p) => p.slice(0, p.lastIndexOf("/") + 1));
  let dir = dirs[0] ?? "";
  for (const d of dirs) while (!d.startsWith(dir)) dir = dir.slice(0, dir.slice(0, -1).lastIndexOf("/") + 1);
  return { dir, names: paths.map((p) => p.slice(dir.length)) };
}
