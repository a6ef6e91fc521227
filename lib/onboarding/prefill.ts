import { normaliseMac } from "@/lib/mac/parse";

/** The paste box's first text from "?macs=a,b" (the inbox's "Onboard selected"): one MAC a line. */
export function prefillFromMacs(macs: string): string {
  const list = macs.split(/[\s,;]+/).filter(Boolean).slice(0, 1000);
  return list.map((m) => normaliseMac(m) ?? m).join("\n") + (list.length ? "\n" : "");
}
