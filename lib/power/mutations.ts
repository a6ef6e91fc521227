import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BmcType } from "@/lib/generated/prisma/enums";
import type { PowerAction, PowerOutcome } from "./driver";

export interface PowerRecord {
  machine: { id: string; hostname: string; bmcSystemId: string | null; bootId: string | null };
  protocol: BmcType;
  action: PowerAction;
  outcome: PowerOutcome;
  durationMs: number;
  actor: string;
  sourceIp?: string | null;
  rolloutId?: string | null;
  /** More to write in the same transaction (a rollout step's result). */
  alsoInTransaction?: (tx: Prisma.TransactionClient) => Promise<void>;
}

/**
 * Writes what a power action did, in one transaction: the event, the audit entry, the
 * Redfish system id learned on the way, and the machine's move to `rebooting`. Nothing
 * here may hold a password: outcomes carry reasons and protocol steps only.
 */
export async function recordPowerAction(r: PowerRecord): Promise<{ eventId: bigint }> {
  const { outcome } = r;
  const summary = {
    hostname: r.machine.hostname,
    protocol: r.protocol,
    action: r.action,
    outcome: outcome.ok ? "ok" : "failed",
    reason: outcome.ok ? null : outcome.reason,
    message: outcome.ok ? outcome.detail : outcome.message,
    durationMs: r.durationMs,
  };
  return db.$transaction(async (tx) => {
    if (outcome.systemId && outcome.systemId !== r.machine.bmcSystemId) {
      // Conditional: an edit of the BMC settings meanwhile wins over what was discovered.
      await tx.machine.updateMany({ where: { id: r.machine.id, bmcSystemId: r.machine.bmcSystemId }, data: { bmcSystemId: outcome.systemId } });
    }
    if (outcome.ok && outcome.sent && r.action !== "off") {
      // Unless the machine has already fetched a new boot script meanwhile (a fast BMC):
      // its newer state wins over "rebooting".
      await tx.machine.updateMany({ where: { id: r.machine.id, bootId: r.machine.bootId ?? null }, data: { state: "rebooting", stateChangedAt: new Date() } });
    }
    const event = await tx.event.create({
      data: { kind: "power.action", machineId: r.machine.id, rolloutId: r.rolloutId ?? null, payload: { ...summary, actor: r.actor, steps: outcome.steps } },
      select: { id: true },
    });
    await recordAudit(tx, {
      actor: r.actor,
      action: "machine.power",
      targetType: "machine",
      targetId: r.machine.id,
      changes: { ...summary, eventId: event.id.toString() },
      sourceIp: r.sourceIp,
    });
    await r.alsoInTransaction?.(tx);
    return { eventId: event.id };
  });
}
