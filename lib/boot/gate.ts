import { bootRatePerSecond, sourceAllowed, takeRateToken } from "@/lib/auth/network";
import { db } from "@/lib/db";

export type GateRefusal = "network" | "rate";

/**
 * The machine-facing endpoints' admission: allowed boot networks (FLEETBOOT_BOOT_NETWORKS),
 * with a refusal recorded as an event, then a request rate per source. Scripts and beacons
 * come several per boot, reports once, so scripts get three times the reports' rate.
 */
export async function admitBootRequest(sourceIp: string | null, path: string, kind: "script" | "report"): Promise<GateRefusal | null> {
  if (!sourceAllowed(sourceIp)) {
    await db.event.create({ data: { kind: "boot.source_refused", payload: { path, sourceIp } } }).catch(() => undefined);
    return "network";
  }
  const ok = kind === "script" ? takeRateToken(`boot:${sourceIp ?? "?"}`, bootRatePerSecond() * 3) : takeRateToken(`report:${sourceIp ?? "?"}`);
  return ok ? null : "rate";
}
