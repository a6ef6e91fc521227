import { describe, expect, it } from "vitest";
import { sourceAllowed, takeRateToken } from "./network";

describe("boot source networks", () => {
  it("allow everything when unset, and only the listed networks when set", () => {
    delete process.env.FLEETBOOT_BOOT_NETWORKS;
    expect(sourceAllowed("203.0.113.9")).toBe(true);
    process.env.FLEETBOOT_BOOT_NETWORKS = "10.20.0.0/22, 192.168.7.0/24";
    expect(sourceAllowed("10.20.3.250")).toBe(true);
    expect(sourceAllowed("10.20.4.1")).toBe(false);
    expect(sourceAllowed("127.0.0.1")).toBe(false);
    expect(sourceAllowed("::ffff:192.168.7.9")).toBe(true);
    expect(sourceAllowed(null)).toBe(false);
    delete process.env.FLEETBOOT_BOOT_NETWORKS;
  });
});

describe("rate tokens", () => {
  it("allow a burst, then the sustained rate", () => {
    const t0 = 1_000_000;
    let ok = 0;
    for (let i = 0; i < 100; i++) if (takeRateToken("a", 10, 20, t0)) ok++;
    expect(ok).toBe(20);
    expect(takeRateToken("a", 10, 20, t0 + 100)).toBe(true);
    expect(takeRateToken("a", 10, 20, t0 + 100)).toBe(false);
    expect(takeRateToken("b", 10, 20, t0)).toBe(true);
  });
});
