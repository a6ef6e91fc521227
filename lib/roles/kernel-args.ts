// A role's extra kernel arguments are appended to the `kernel` line of each machine's
// iPXE script. iPXE expands "${…}" and treats "||"/"&&" as command chaining on that
// line, and a newline would start a new command, so only plain printable ASCII without
// those characters is accepted; quoting is refused too, to keep it a plain
// space-separated list that reads the same in the script as in /proc/cmdline.
export const MAX_KERNEL_ARGS_LENGTH = 1024;

const FORBIDDEN = /[$"'`\\|&;<>#]/;
// The boot script writes these itself (lib/boot/render-script.ts), from the role's image
// version, the mirrors, the machine and its boot: a role that sets one is refused when it
// is saved, and a role saved before is held at boot (lib/boot/plan.ts).
const OWNED = new Set(["boot", "fetch", "initrd", "BOOTIF", "panic"]);

/** The key of a kernel word the boot script sets itself ("fetch", "fleetboot.token"), or null. */
export function ownedKernelKey(word: string): string | null {
  const key = word.split("=")[0];
  if (key.startsWith("fleetboot.")) return key;
  return OWNED.has(key) && word.includes("=") ? key : null;
}

/** Collapses runs of spaces; control characters are left for kernelArgsProblem to refuse. */
export function normaliseKernelArgs(raw: string): string {
  return raw.replace(/ +/g, " ").trim();
}

/** Why `args` cannot go on the kernel line, or null. */
export function kernelArgsProblem(args: string): string | null {
  if (/[\r\n]/.test(args)) return "Kernel arguments must be on one line";
  if (/[\x00-\x1f\x7f]/.test(args)) return "Kernel arguments must not contain tabs or control characters";
  if (args.length > MAX_KERNEL_ARGS_LENGTH) return `Kernel arguments must be at most ${MAX_KERNEL_ARGS_LENGTH} characters`;
  const forbidden = FORBIDDEN.exec(args);
  if (forbidden) return `Kernel arguments must not contain "${forbidden[0]}": it would change the meaning of the iPXE script line`;
  const nonAscii = [...args].find((ch) => ch > "~");
  if (nonAscii) return `Kernel arguments must be plain ASCII, not "${nonAscii}"`;
  for (const arg of args.split(" ")) {
    const key = ownedKernelKey(arg);
    if (key) return `"${key}${key.startsWith("fleetboot.") ? "" : "="}" is set by the boot script; remove it from the role's kernel arguments`;
  }
  return null;
}
