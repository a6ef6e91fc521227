// iPXE expands "${…}" in a script line before it splits the line at spaces and before it
// looks for "||" and "&&", and a newline starts a new command. So every value that comes
// from the database is checked against these shapes before it is written into a script;
// anything else is refused (the machine gets a hold script naming the problem), never
// escaped, because this iPXE build has no quoting to escape with.

/** A URL iPXE can fetch: plain http (this build has no HTTPS), a host name or IPv4, a plain path. */
export const IPXE_URL = /^http:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~+@=,:/-]*)?$/;

/** One kernel command-line word: printable ASCII without iPXE's (or a shell's) special characters. */
const KERNEL_WORD = /^[\x21-\x7e]+$/;
const KERNEL_FORBIDDEN = /[$"'`\\|&;<>#]/;

/** Linux on x86 truncates the command line at COMMAND_LINE_SIZE (2048 bytes, with the NUL). */
export const MAX_KERNEL_CMDLINE = 2047;

export function isIpxeUrl(url: string): boolean {
  return IPXE_URL.test(url) && !url.includes("..");
}

/** Why `word` cannot go on the kernel line as written, or null. */
export function kernelWordProblem(word: string): string | null {
  if (!KERNEL_WORD.test(word)) return `"${printable(word)}" contains a space, a control or a non-ASCII character`;
  const bad = KERNEL_FORBIDDEN.exec(word);
  if (bad) return `"${printable(word)}" contains "${bad[0]}", which would change the meaning of the iPXE script line`;
  return null;
}

/**
 * Free text for `echo` and comments: anything outside a small set becomes "?", so a
 * reason that quotes user input (a MAC, a path) can never expand a setting or chain a
 * command. A semicolon (which iPXE takes as a command separator when it stands alone)
 * becomes a comma, and an apostrophe is kept: iPXE has no quoting, so it is a letter.
 */
export function echoText(text: string, max = 200): string {
  const clean = text
    .replaceAll(";", ",")
    .replace(/[^A-Za-z0-9 .,:/_()+=@%'-]/g, "?")
    .replace(/ {2,}/g, " ")
    .trim();
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

function printable(text: string): string {
  const p = text.replace(/[^\x20-\x7e]/g, "?");
  return p.length > 60 ? `${p.slice(0, 60)}…` : p;
}
