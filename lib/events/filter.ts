import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid, refWhere } from "@/lib/http/ref";
import type { StreamFilter } from "./sse";

// A role's members are re-read this often while a role-filtered stream is open, so a
// machine that joins the role shows up without the browser reconnecting.
const ROLE_REFRESH_MS = 5_000;

/**
 * Stream filters by name or id, resolved when the stream opens. A role filter keeps its
 * member list current until `stop` is called (when the stream closes).
 */
export async function resolveStreamFilter(q: { machine?: string; rollout?: string; kind?: string; role?: string }): Promise<{ filter: StreamFilter; stop: () => void }> {
  let machineId: string | undefined;
  if (q.machine) {
    const m = await db.machine.findFirst({ where: isUuid(q.machine) ? { id: q.machine } : { hostname: q.machine.toLowerCase() }, select: { id: true } });
    if (!m) throw new AppError("not_found", `no machine "${q.machine}"`);
    machineId = m.id;
  }
  const filter: StreamFilter = { machineId, rolloutId: q.rollout, kindPrefix: q.kind || undefined };
  if (!q.role) return { filter, stop: () => undefined };
  // "-": the machines with no role, as the machine list takes it.
  const role = q.role === "-" ? { id: null } : await db.role.findFirst({ where: refWhere(q.role), select: { id: true } });
  if (!role) throw new AppError("not_found", `no role "${q.role}"`);
  const members = new Set<string>();
  const load = async () => {
    const rows = await db.machine.findMany({ where: { roleId: role.id }, select: { id: true } });
    members.clear();
    for (const r of rows) members.add(r.id);
  };
  await load();
  filter.machineIds = members;
  const timer = setInterval(() => void load().catch(() => undefined), ROLE_REFRESH_MS);
  timer.unref?.();
  return { filter, stop: () => clearInterval(timer) };
}
