import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";
import type { StreamFilter } from "./sse";

/** Stream filters by name or id, resolved once when the stream opens. */
export async function resolveStreamFilter(q: { machine?: string; rollout?: string; kind?: string }): Promise<StreamFilter> {
  let machineId: string | undefined;
  if (q.machine) {
    const m = await db.machine.findFirst({ where: isUuid(q.machine) ? { id: q.machine } : { hostname: q.machine.toLowerCase() }, select: { id: true } });
    if (!m) throw new AppError("not_found", `no machine "${q.machine}"`);
    machineId = m.id;
  }
  return { machineId, rolloutId: q.rollout, kindPrefix: q.kind || undefined };
}
