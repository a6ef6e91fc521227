import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBinary } from "@/lib/simulator/require-binary";
import { type SshHost, startSshHost } from "@/lib/simulator/ssh-host";
import type { PowerOutcome, PowerTarget } from "./driver";
import { createSshDriver, type SshSettings } from "./ssh";

// The SSH driver through the real ssh client against a private sshd on 127.0.0.1 whose
// systemctl is a stand-in (see lib/simulator/ssh-host.ts).
let host: SshHost;
let settings: SshSettings;
const target = (over: Partial<PowerTarget> = {}): PowerTarget => ({ protocol: "ssh", address: "127.0.0.1", port: host.port, username: host.user, ...over });

beforeAll(async () => {
  requireBinary("ssh", "openssh-client");
  host = await startSshHost();
  settings = { binary: "ssh", keyFile: host.keyFile, knownHostsFile: host.knownHostsFile, hostKeyChecking: "accept-new", timeoutMs: 15_000 };
});
afterAll(() => host?.stop());

function failed(outcome: PowerOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${outcome.detail}`);
  return outcome;
}

describe("SSH driver", () => {
  it("runs systemctl reboot for a cycle", async () => {
    await host.setMode("ok");
    expect(await createSshDriver(settings).perform(target(), "pxe-cycle")).toMatchObject({ ok: true, sent: true, detail: "systemctl reboot ran" });
    expect(await host.systemctlLog()).toEqual(["reboot"]);
  });

  it("counts a connection dropped by the reboot as sent", async () => {
    await host.setMode("drop");
    const outcome = await createSshDriver(settings).perform(target(), "cycle");
    expect(outcome).toMatchObject({ ok: true, detail: expect.stringContaining("connection dropped") });
    expect((await host.systemctlLog()).at(-1)).toBe("reboot");
  });

  it("reports systemctl's refusal", async () => {
    await host.setMode("denied");
    const outcome = failed(await createSshDriver(settings).perform(target(), "off"));
    expect(outcome).toMatchObject({ reason: "insufficient_privilege", message: expect.stringContaining("Access denied") });
    expect((await host.systemctlLog()).at(-1)).toBe("poweroff");
  });

  it("reports a key the host does not accept as auth_failed", async () => {
    await host.setMode("ok");
    const before = (await host.systemctlLog()).length;
    const outcome = failed(await createSshDriver({ ...settings, keyFile: host.otherKeyFile }).perform(target(), "cycle"));
    expect(outcome).toMatchObject({ reason: "auth_failed", message: expect.stringContaining("Permission denied") });
    expect((await host.systemctlLog()).length).toBe(before);
  });

  it("reports a closed port as unreachable", async () => {
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise((r) => server.close(r));
    expect(failed(await createSshDriver(settings).perform(target({ port }), "cycle")).reason).toBe("unreachable");
  });

  it("cannot power a machine on", async () => {
    expect(failed(await createSshDriver(settings).perform(target(), "on")).reason).toBe("unsupported");
  });
});
