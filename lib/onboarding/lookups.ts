import type { Draft } from "./check";
import type { TemplateChoice } from "./plan";
import { renderTemplate } from "./template";

// What the database must answer for a whole paste, gathered before asking so that each
// kind of question is one query, whatever the number of lines.

export interface Lookups {
  macs: string[];
  /** Hostnames named by the paste or given by a template without a counter. */
  hostnames: string[];
  /** LIKE patterns covering every name a counter template could give. */
  hostnamePatterns: string[];
  ips: string[];
  subnet: string | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function lookupsFor(drafts: Draft[], template: TemplateChoice, subnet: string | undefined): Lookups {
  const macs = new Set<string>();
  const hostnames = new Set<string>();
  const patterns = new Set<string>();
  const ips = new Set<string>();
  for (const d of drafts) {
    if (d.mac) macs.add(d.mac);
    if (d.ip) ips.add(d.ip);
    if (d.hostname) hostnames.add(d.hostname);
    else if (!template.problem) {
      const r = renderTemplate(template.template, d);
      if (r.kind === "fixed") hostnames.add(r.name);
      else if (r.kind === "counter") patterns.add(`${escapeLike(r.prefix)}%${escapeLike(r.suffix)}`);
    }
  }
  return { macs: [...macs], hostnames: [...hostnames], hostnamePatterns: [...patterns], ips: [...ips], subnet: subnet ?? null };
}
