import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { sweepStuckMachines } from "./sweep";

useTestDatabase();

describe("sweepStuckMachines", () => {
  it("fails machines stuck past their deadline, once, with the reason", async () => {
    const old = new Date(Date.now() - 3_600_000);
    await db.machine.createMany({
      data: [
        { hostname: "stuck-boot", state: "booting", stateChangedAt: old },
        { hostname: "stuck-deploy", state: "deploying", stateChangedAt: old },
        { hostname: "stuck-reboot", state: "rebooting", stateChangedAt: old },
        { hostname: "fresh-boot", state: "booting" },
        { hostname: "ready-old", state: "ready", stateChangedAt: old },
      ],
    });
    const [a, b] = await Promise.all([
      sweepStuckMachines({ bootingSeconds: 600, deployingSeconds: 1800 }),
      sweepStuckMachines({ bootingSeconds: 600, deployingSeconds: 1800 }),
    ]);
    expect(a + b).toBe(3);
    const states = Object.fromEntries((await db.machine.findMany({ select: { hostname: true, state: true } })).map((m) => [m.hostname, m.state]));
    expect(states).toEqual({ "stuck-boot": "failed", "stuck-deploy": "failed", "stuck-reboot": "failed", "fresh-boot": "booting", "ready-old": "ready" });
    const events = await db.event.findMany({ where: { kind: "machine.timed_out" }, include: { machine: true } });
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.machine?.hostname === "stuck-boot")?.payload).toMatchObject({ fromState: "booting" });
    expect(events.find((e) => e.machine?.hostname === "stuck-reboot")?.payload).toMatchObject({ fromState: "rebooting", reason: expect.stringMatching(/power action/) });
    expect(await sweepStuckMachines({ bootingSeconds: 600, deployingSeconds: 1800 })).toBe(0);
  });
});
