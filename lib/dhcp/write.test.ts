import { chown, lstat, mkdtemp, open, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReloadCommand, writeConfigIfChanged } from "./write";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-write-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("writeConfigIfChanged", () => {
  it("replaces the file by rename, so a reader of the old file never sees half of the new one", async () => {
    const file = path.join(dir, "dhcpd.conf");
    await writeFile(file, "old config\n".repeat(1000));
    const before = await stat(file);
    const reader = await open(file, "r");
    try {
      expect(await writeConfigIfChanged(file, "new config\n")).toEqual({ changed: true, created: false });
      // The daemon that had the old file open still reads all of it, unchanged.
      expect((await reader.readFile("utf8")).split("\n").filter(Boolean)).toHaveLength(1000);
    } finally {
      await reader.close();
    }
    expect((await stat(file)).ino).not.toBe(before.ino);
    expect(await readFile(file, "utf8")).toBe("new config\n");
    expect(await readdir(dir)).toEqual(["dhcpd.conf"]);
  });

  it("leaves a file that already holds the text alone", async () => {
    const file = path.join(dir, "same.conf");
    expect(await writeConfigIfChanged(file, "a\n")).toEqual({ changed: true, created: true });
    expect((await stat(file)).mode & 0o777).toBe(0o644);
    const before = await stat(file);
    expect(await writeConfigIfChanged(file, "a\n")).toEqual({ changed: false });
    const after = await stat(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });
});

describe("writeConfigIfChanged, what the daemon needs of the file", () => {
  it("keeps the owner and group of the file it replaces", async (ctx) => {
    if (process.getuid?.() !== 0) ctx.skip();
    const file = path.join(dir, "kea-dhcp4.conf");
    await writeFile(file, "{}\n", { mode: 0o640 });
    await chown(file, 0, 4242);
    await writeConfigIfChanged(file, '{ "Dhcp4": {} }\n');
    const after = await stat(file);
    expect([after.uid, after.gid, after.mode & 0o777]).toEqual([0, 4242, 0o640]);
  });

  it("writes through a symbolic link and leaves the link in place", async () => {
    const real = path.join(dir, "real-dnsmasq.conf");
    const link = path.join(dir, "link-dnsmasq.conf");
    await writeFile(real, "old\n");
    await symlink(real, link);
    expect(await writeConfigIfChanged(link, "new\n")).toEqual({ changed: true, created: false });
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(real, "utf8")).toBe("new\n");
  });
});

describe("runReloadCommand", () => {
  it("runs the operator's command line with the file in FLEETBOOT_DHCP_FILE and reports its exit and output", async () => {
    const ok = await runReloadCommand('printf "%s" "$FLEETBOOT_DHCP_FILE"', "/etc/kea/kea-dhcp4.conf");
    expect(ok).toEqual({ ok: true, code: 0, output: "/etc/kea/kea-dhcp4.conf" });
    expect(await runReloadCommand("echo nope >&2; exit 4", "x")).toEqual({ ok: false, code: 4, output: "nope" });
  });

  it("stops a command that hangs, and what it started", async () => {
    const r = await runReloadCommand("sleep 30", "x", 200);
    expect(r.ok).toBe(false);
    expect(r.code).toBeNull();
    expect(r.output).toMatch(/stopped after \d+ s$/);
  });
});
