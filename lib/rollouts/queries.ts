import { db } from "@/lib/db";
import type { RolloutStepState } from "@/lib/generated/prisma/enums";

export type StepCounts = Record<RolloutStepState, number>;

const NO_STEPS: StepCounts = { pending: 0, powering: 0, waiting: 0, healthy: 0, failed: 0, skipped: 0, cancelled: 0 };

/**
 * Rollouts newest first, each with how many of its steps are in each state. The counts
 * come from one GROUP BY over the page's rollouts, not from loading their steps.
 */
export const ROLLOUT_LIST_LIMIT = 100;

export async function listRollouts(limit = ROLLOUT_LIST_LIMIT) {
  const rollouts = await db.rollout.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      name: true,
      selector: true,
      state: true,
      stateReason: true,
      createdBy: true,
      createdAt: true,
      finishedAt: true,
      targetVersion: { select: { version: true, image: { select: { name: true } } } },
    },
  });
  const groups = rollouts.length
    ? await db.rolloutStep.groupBy({
        by: ["rolloutId", "state"],
        where: { rolloutId: { in: rollouts.map((r) => r.id) } },
        _count: { _all: true },
      })
    : [];
  const counts = new Map<string, StepCounts>();
  for (const g of groups) {
    const c = counts.get(g.rolloutId) ?? { ...NO_STEPS };
    c[g.state] = g._count._all;
    counts.set(g.rolloutId, c);
  }
  return rollouts.map(({ targetVersion, ...r }) => {
    const steps = counts.get(r.id) ?? { ...NO_STEPS };
    return {
      ...r,
      targetVersion: targetVersion ? { image: targetVersion.image.name, version: targetVersion.version } : null,
      steps,
      total: Object.values(steps).reduce((a, b) => a + b, 0),
    };
  });
}

export type RolloutListItem = Awaited<ReturnType<typeof listRollouts>>[number];
