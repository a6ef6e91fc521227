import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { open, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

// Writing a rendered config where a daemon reads it (the CLI's --out). A daemon that
// restarts, or a reload that races the write, must never read half a file: the new text
// goes to a temp file in the same directory (same filesystem, so rename is atomic), is
// flushed to disk, and replaces the old one by rename.

export type WriteResult = { changed: false } | { changed: true; created: boolean };

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

/** Replaces `file` with `text` atomically, unless it already holds exactly that. */
export async function writeConfigIfChanged(where: string, text: string): Promise<WriteResult> {
  // A link to the real file (config management often links it) stays a link.
  const file = await realpath(where).catch(() => where);
  const current = await readIfExists(file);
  if (current === text) return { changed: false };
  // Keep the mode and owner of the file being replaced: Debian's Kea reads its config as
  // _kea through the group (root:_kea 0640), which a root-owned new file would lose.
  const before = current === null ? null : await stat(file);
  const mode = before ? before.mode & 0o7777 : 0o644;
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(text);
    if (before && (before.uid !== process.getuid?.() || before.gid !== process.getgid?.())) await handle.chown(before.uid, before.gid);
    await handle.chmod(mode);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { changed: true, created: current === null };
}

export interface ReloadResult {
  ok: boolean;
  code: number | null;
  output: string;
}

/**
 * Runs the operator's reload command, e.g. `systemctl reload isc-dhcp-server` or
 * `kill -HUP "$(cat /run/dnsmasq.pid)"`. It is the operator's own command line, given on
 * the CLI's command line, so it runs through /bin/sh as cron would run it; nothing
 * rendered from the database is put into it (the file's path arrives as
 * FLEETBOOT_DHCP_FILE).
 */
export function runReloadCommand(command: string, file: string, timeoutMs = 60_000): Promise<ReloadResult> {
  return new Promise((resolve) => {
    // Its own process group, so that a timeout stops what the shell started too (a
    // child holding the output pipe open would otherwise keep us waiting).
    const child = spawn("/bin/sh", ["-c", command], {
      env: { ...process.env, FLEETBOOT_DHCP_FILE: file },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let output = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    const keep = (chunk: Buffer) => {
      if (output.length < 64 * 1024) output += chunk.toString("utf8");
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ ok: false, code: null, output: err.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) resolve({ ok: false, code: null, output: `${output}stopped after ${Math.round(timeoutMs / 1000)} s`.trim() });
      else resolve({ ok: code === 0, code, output: output.trim() });
    });
  });
}
