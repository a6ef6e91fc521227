import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { getRolloutSummary, listRollouts } from "./queries";

useTestDatabase();

describe("listRollouts", () => {
  it("is empty without rollouts", async () => {
    expect(await listRollouts()).toEqual([]);
  });

  it("lists newest first with target version and step counts per state", async () => {
    const image = await db.image.create({ data: { name: "debian-storage" } });
    const version = await db.imageVersion.create({
      data: { imageId: image.id, version: "2026.11.0", kernelPath: "k", initrdPath: "i", squashfsPath: "s" },
    });
    const machines = await Promise.all(
      Array.from({ length: 5 }, (_, i) => db.machine.create({ data: { hostname: `storage-${i + 1}` } })),
    );
    const older = await db.rollout.create({
      data: { name: "first", selector: { role: "storage" }, state: "succeeded", createdAt: new Date("2026-11-01T00:00:00Z") },
    });
    const newer = await db.rollout.create({
      data: { name: "second", selector: { role: "storage" }, targetVersionId: version.id, state: "running" },
    });
    const states = ["healthy", "healthy", "waiting", "failed", "pending"] as const;
    await db.rolloutStep.createMany({
      data: machines.map((m, i) => ({ rolloutId: newer.id, machineId: m.id, batch: Math.floor(i / 2), state: states[i] })),
    });

    const list = await listRollouts();
    expect(list.map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(list[0]).toMatchObject({
      name: "second",
      state: "running",
      targetVersion: { image: "debian-storage", version: "2026.11.0" },
      total: 5,
      steps: { healthy: 2, waiting: 1, failed: 1, pending: 1, powering: 0, skipped: 0, cancelled: 0 },
    });
    expect(list[1]).toMatchObject({ targetVersion: null, total: 0 });
  });
});

describe("getRolloutSummary of a cancelled rollout", () => {
  it("counts the machines power-cycled before the cancel apart, and leaves the cancelled batch out of the mean", async () => {
    const machines = await Promise.all(Array.from({ length: 4 }, (_, i) => db.machine.create({ data: { hostname: `cx-${i + 1}` } })));
    const r = await db.rollout.create({ data: { name: "cx", selector: {}, state: "cancelled", finishedAt: new Date() } });
    const t = (s: number) => new Date(Date.UTC(2026, 11, 1, 0, 0, s));
    const steps = [
      { batch: 1, state: "healthy", intentAt: t(0), finishedAt: t(20) },
      { batch: 2, state: "cancelled", intentAt: t(30), finishedAt: t(200) },
      { batch: 2, state: "cancelled", intentAt: null, finishedAt: t(200) },
      { batch: 3, state: "cancelled", intentAt: null, finishedAt: t(200) },
    ] as const;
    await db.rolloutStep.createMany({ data: steps.map((s, i) => ({ rolloutId: r.id, machineId: machines[i].id, active: false, ...s })) });
    const summary = await getRolloutSummary(r.id);
    expect(summary.cancelledRebooting).toBe(1);
    expect(summary.counts.cancelled).toBe(3);
    expect(summary.batches.map((b) => [b.batch, b.cancelled, b.seconds])).toEqual([[1, 0, 20], [2, 2, 170], [3, 1, null]]);
  });
});
