import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeHost, safeUser } from "./argv";
import type { PowerTarget } from "./driver";
import { createIpmiDriver } from "./ipmi";
import { createSshDriver } from "./ssh";

// Injection: hostile BMC addresses and user names must never reach ipmitool or ssh, where
// a leading "-" is an option (ssh -oProxyCommand=… runs a command). Stand-in binaries
// record how they were called, so the tests see exactly what would have been run.
let dir: string;
const HOSTILE = ["-oProxyCommand=touch PWNED", "--help", "host;touch PWNED", "$(touch PWNED)", "`touch PWNED`", "a b", "host\n-oX", "", "..", "-"];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-argv-"));
  const fake = `#!/bin/sh
printf '%s\\n' "$*" >> "${dir}/calls.log"
printf 'password-env:%s\\n' "\${IPMI_PASSWORD:-unset}" >> "${dir}/calls.log"
case "$*" in *"power status"*) echo "Chassis Power is on";; *"power cycle"*) echo "Chassis Power Control: Cycle";; *"reboot"*) echo fleetboot-power-sent;; esac
`;
  await writeFile(path.join(dir, "fake"), fake);
  await chmod(path.join(dir, "fake"), 0o755);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const calls = async () => (existsSync(path.join(dir, "calls.log")) ? (await readFile(path.join(dir, "calls.log"), "utf8")).split("\n").filter(Boolean) : []);
const ipmi = () => createIpmiDriver({ binary: path.join(dir, "fake"), cipherSuite: "3", privilege: "ADMINISTRATOR", timeoutMs: 5_000 });
const ssh = () => createSshDriver({ binary: path.join(dir, "fake"), hostKeyChecking: "accept-new", timeoutMs: 5_000 });
const target = (protocol: PowerTarget["protocol"], over: Partial<PowerTarget>): PowerTarget => ({ protocol, address: "10.0.0.5", username: "admin", password: "pa$$ -word;`id`", ...over });

describe("argument checks", () => {
  it("accepts host names and IP addresses", () => {
    for (const ok of ["10.0.0.5", "bmc-01.rack3.example.net", "fe80::1", "[2001:db8::5]", "localhost"]) expect(() => safeHost(ok)).not.toThrow();
  });

  it("rejects anything that could be an option or shell syntax", () => {
    for (const bad of HOSTILE) {
      expect(() => safeHost(bad), bad).toThrow(/not a host name or IP address/);
      expect(() => safeUser(bad), bad).toThrow(/user name/);
    }
  });

  it.each(["ipmi", "ssh"] as const)("%s: a hostile address or user name is refused before anything runs", async (protocol) => {
    const driver = protocol === "ipmi" ? ipmi() : ssh();
    for (const bad of HOSTILE) {
      for (const over of [{ address: bad }, { username: bad }]) {
        const outcome = await driver.perform(target(protocol, over), "pxe-cycle");
        expect(outcome).toMatchObject({ ok: false, reason: "invalid_target" });
      }
    }
    expect(await calls()).toEqual([]);
    expect(existsSync(path.join(process.cwd(), "PWNED"))).toBe(false);
  });

  it("ipmi: the password travels in the environment, never on the command line", async () => {
    const outcome = await ipmi().perform(target("ipmi", {}), "pxe-cycle");
    expect(outcome.ok).toBe(true);
    const log = await calls();
    expect(log.filter((l) => !l.startsWith("password-env:")).join("\n")).not.toContain("word");
    expect(log).toContain("password-env:pa$$ -word;`id`");
    expect(log[0]).toBe("-I lanplus -C 3 -L ADMINISTRATOR -N 1 -R 1 -v -H 10.0.0.5 -p 623 -U admin -E chassis bootdev pxe");
  });

  it("ssh: user and host are fixed in place with -l and --", async () => {
    await rm(path.join(dir, "calls.log"), { force: true });
    expect((await ssh().perform(target("ssh", { port: 2222 }), "cycle")).ok).toBe(true);
    const [argv, env] = await calls();
    expect(argv).toMatch(/ -p 2222 -l admin -- 10\.0\.0\.5 echo fleetboot-power-sent; exec systemctl reboot$/);
    expect(env).toBe("password-env:unset");
  });
});
