// Relative paths: an image version's files under each mirror's base URL, a role's playbook.
// The image paths are joined onto URLs inside iPXE script lines and live-boot's fetch=
// argument, where a space ends the argument, "${" expands an iPXE setting, "?"/"#" start a
// query or fragment and "%2e%2e" is "..": so only plain path characters get through.
const PLAIN = /^[A-Za-z0-9._~+@=,:/-]$/;

export const MAX_PATH_LENGTH = 512;

/** Why `path` is not a plain relative path, or null when it is. */
export function relativePathProblem(path: string): string | null {
  if (path === "") return "is required";
  if (path.length > MAX_PATH_LENGTH) return `must be at most ${MAX_PATH_LENGTH} characters`;
  if (/[\x00-\x1f\x7f]/.test(path)) return "must not contain control characters";
  if (/\s/.test(path)) return "must not contain spaces";
  if (path.includes("://")) return "must be a relative path, not a URL";
  if (path.startsWith("/")) return 'must be relative: remove the leading "/"';
  if (path.includes("\\")) return 'must use "/" between directories, not "\\"';
  if (/[?#]/.test(path)) return 'must not contain "?" or "#"';
  const segments = path.split("/");
  if (segments.includes("..")) return 'must not contain ".." (a path stays inside its base directory)';
  if (segments.includes(".")) return 'must not contain "." as a directory';
  if (segments.includes("")) return 'must not contain "//" or end in "/"';
  const bad = [...path].find((ch) => !PLAIN.test(ch));
  if (bad) return `must not contain "${bad}": use letters, digits and . _ - ~ + @ = , : /`;
  return null;
}
