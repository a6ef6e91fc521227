import { normaliseMac } from "@/lib/mac/parse";
import { findUnknownMac, type UnknownMacRow } from "@/lib/unknown-macs/queries";
import { consoleUrl } from "./console-url";
import { isIpxeUrl } from "./ipxe-safe";
import { MAX_MIRRORS, planBoot, type BootPlan } from "./plan";
import { findBootTargetByRef, listAllMirrors } from "./queries";
import { PREVIEW_HOLD_SECONDS, renderHoldScript, unknownMacLines } from "./render-hold";
import { renderBootScript } from "./render-script";
import { PLACEHOLDER_TOKEN } from "./token";

export interface MirrorStanding {
  name: string;
  baseUrl: string;
  weight: number;
  /** 1-based place in this machine's order, or why it is not used. */
  place: number | null;
  note: string | null;
}

export interface BootPreview {
  plan: BootPlan;
  mirrors: MirrorStanding[];
  script: string | null;
  error: string | null;
}

const PREVIEW_BOOT_ID = "00000000-0000-0000-0000-000000000000";

/**
 * What this machine would boot if it asked now, and why: the same plan and renderer as
 * the boot endpoint, but with a placeholder token and boot id, mid-range waits, and no
 * write at all (the real token is not rotated, the state does not change).
 */
export async function previewBoot(ref: string, host: string | null): Promise<BootPreview | null> {
  const [target, all] = await Promise.all([findBootTargetByRef(ref), listAllMirrors()]);
  if (!target) return null;
  const enabled = all.filter((m) => m.enabled);
  const plan = planBoot(target, enabled);
  const used = plan.kind === "boot" ? plan.sources.map((s) => s.mirror.id) : [];
  const mirrors = all.map((m) => {
    const place = used.indexOf(m.id);
    return { name: m.name, baseUrl: m.baseUrl, weight: m.weight, place: place >= 0 ? place + 1 : null, note: standingNote(m, place, plan) };
  });

  const base = consoleUrl(host);
  if (!base.ok) return { plan, mirrors, script: null, error: base.reason };
  if (plan.kind === "hold") {
    return { plan, mirrors, script: renderHoldScript(base.url, [`${target.hostname} will not boot yet:`, plan.reason], PREVIEW_HOLD_SECONDS), error: null };
  }
  try {
    const script = renderBootScript(plan, { consoleUrl: base.url, token: PLACEHOLDER_TOKEN, bootId: PREVIEW_BOOT_ID, random: () => 0.5 });
    return { plan, mirrors, script, error: null };
  } catch (err) {
    return { plan, mirrors, script: null, error: (err as Error).message };
  }
}

function standingNote(m: { enabled: boolean; baseUrl: string }, place: number, plan: BootPlan): string | null {
  if (!m.enabled) return "disabled";
  if (place >= 0 || plan.kind !== "boot") return null;
  if (!isIpxeUrl(m.baseUrl)) return "iPXE cannot fetch from it (https, or not a plain URL)";
  return `not among the first ${MAX_MIRRORS} for this MAC`;
}

export interface UnknownMacPreview {
  mac: string;
  /** What the inbox knows of it: null when it has not asked yet. */
  seen: UnknownMacRow | null;
  script: string | null;
  error: string | null;
}

/** What a MAC that no machine has would get: the hold script, and its place in the inbox. */
export async function previewUnknownMac(ref: string, host: string | null): Promise<UnknownMacPreview | null> {
  const mac = normaliseMac(ref);
  if (!mac) return null;
  const seen = await findUnknownMac(mac);
  const base = consoleUrl(host);
  if (!base.ok) return { mac, seen, script: null, error: base.reason };
  return { mac, seen, script: renderHoldScript(base.url, unknownMacLines(mac), PREVIEW_HOLD_SECONDS), error: null };
}
