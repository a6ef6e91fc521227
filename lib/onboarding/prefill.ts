import { normaliseMac } from "@/lib/mac/parse";

/** The paste box's first text from "?macs=a,b" (the inbox's "Onboard selected"): one MAC a line. */
export function prefillFromMacs(macs: string): string {
  const list = macList(macs);
  return list.map((m) => normaliseMac(m) ?? m).join("\n") + (list.length ? "\n" : "");
}

function macList(macs: string): string[] {
  return macs.split(/[\s,;]+/).filter(Boolean).slice(0, 1000);
}

/** The MACs of "?macs=a,b" that are MACs, normalised. */
export function prefillMacs(macs: string): string[] {
  return macList(macs).flatMap((m) => normaliseMac(m) ?? []);
}
