import { isIP } from "node:net";
import type { Machine } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/http/errors";
import { openSecret } from "@/lib/secrets/crypto";
import type { PowerTarget } from "./driver";

type BmcFields = Pick<Machine, "hostname" | "bmcType" | "bmcAddress" | "bmcPort" | "bmcUsername" | "bmcPasswordEnc" | "bmcSystemId" | "bmcTls">;

// A BMC on loopback is reached through this host itself (the simulator, or a port forward),
// so credentials never cross a network and there is no certificate to check.
function defaultTls(address: string): PowerTarget["tls"] {
  const host = address.replace(/^\[(.*)\]$/, "$1");
  const loopback = (isIP(host) === 4 && host.startsWith("127.")) || host === "::1" || host === "localhost";
  return loopback ? "plain" : "verify";
}

/**
 * The machine's BMC settings with the password opened, for one power action. The result
 * holds a plaintext secret: pass it to a driver and drop it; never log, store or return it.
 */
export function powerTargetFor(machine: BmcFields): PowerTarget {
  if (!machine.bmcType || !machine.bmcAddress) {
    throw new AppError("unprocessable", `${machine.hostname} has no BMC configured; set one on the machine's Edit page (or PATCH /api/machines/${machine.hostname} with {"bmc": {"type", "address", "username", "password"}})`);
  }
  if (!machine.bmcUsername) throw new AppError("unprocessable", `${machine.hostname} has no BMC user name; set one on the machine's Edit page`);
  if (machine.bmcType !== "ssh" && !machine.bmcPasswordEnc) {
    throw new AppError("unprocessable", `${machine.hostname} has no BMC password stored; set one on the machine's Edit page (or with PATCH /api/machines/${machine.hostname})`);
  }
  let password: string | undefined;
  if (machine.bmcPasswordEnc && machine.bmcType !== "ssh") {
    try {
      password = openSecret(machine.bmcPasswordEnc);
    } catch {
      // Without the key (or with another one) the stored password is unreadable; the
      // cause is the console's configuration, so say that instead of blaming the BMC.
      throw new AppError("unavailable", `the BMC password of ${machine.hostname} cannot be decrypted: is FLEETBOOT_SECRET_KEY the key it was stored with?`);
    }
  }
  return {
    protocol: machine.bmcType,
    address: machine.bmcAddress,
    port: machine.bmcPort,
    username: machine.bmcUsername,
    password,
    systemId: machine.bmcSystemId,
    tls: machine.bmcTls ?? defaultTls(machine.bmcAddress),
  };
}
