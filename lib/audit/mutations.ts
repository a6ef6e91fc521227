import type { Prisma } from "@/lib/generated/prisma/client";
import { currentSourceIp } from "@/lib/http/request-context";

type Tx = Prisma.TransactionClient;

export interface AuditInput {
  actor: string;
  action: string;
  targetType: string;
  targetId?: string | null;
  changes?: Prisma.InputJsonValue;
  sourceIp?: string | null;
}

/** Written in the same transaction as the change it describes. Never pass secrets in `changes`. */
export async function recordAudit(tx: Tx, entry: AuditInput): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actor: entry.actor,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      changes: entry.changes,
      sourceIp: entry.sourceIp ?? (await currentSourceIp()),
    },
  });
}

/** The fields of `after` that differ from `before`, as {field: [before, after]}. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after)) {
    const a = before[key];
    const b = after[key];
    if (b !== undefined && JSON.stringify(a) !== JSON.stringify(b)) out[key] = [a ?? null, b ?? null];
  }
  return out;
}
