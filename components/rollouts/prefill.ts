import { listDriftBatch } from "@/lib/fleet/drift-queries";
import { driftFilter, type DriftFilter } from "@/lib/fleet/schema";

// /rollouts/new?role=storage&machines=a,b or ?role=storage&rack=r1&drift=stale&days=9
// (lib/fleet/links.ts rolloutHref): the form's first values. A drift list is resolved to
// its hostnames here, so the rollout rolls exactly the machines the list showed.

export interface RolloutPrefill {
  values: Record<string, string>;
  /** What the prefill came from, in words, or why part of it was ignored. */
  notice?: { tone: "info" | "warning"; text: string };
}

const DRIFT_PAGE = 1000;
/** As many hostnames as the API takes in one rollout. */
const DRIFT_MAX = 100_000;

async function driftHostnames(f: DriftFilter): Promise<string[]> {
  const out: string[] = [];
  for (let after = ""; out.length < DRIFT_MAX; ) {
    const rows = await listDriftBatch(f, after, DRIFT_PAGE);
    out.push(...rows.map((r) => r.hostname));
    if (rows.length < DRIFT_PAGE) break;
    after = rows[rows.length - 1].hostname;
  }
  return out;
}

function describeDrift(f: DriftFilter): string {
  const what = { version: "on another version than their role wants", stale: `not booted in ${f.days} days`, hash: "whose image hash does not match" }[f.kind];
  return `machines ${what}${f.role ? ` in role ${f.role}` : ""}${f.rack ? `, rack ${f.rack}` : ""}`;
}

export async function rolloutPrefill(search: Record<string, string | string[] | undefined>): Promise<RolloutPrefill> {
  const q = Object.fromEntries(Object.entries(search).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].trim() !== ""));
  const values: Record<string, string> = {};
  for (const key of ["role", "rack", "tag", "imageVersion"] as const) if (q[key]) values[key] = q[key].trim();
  if (q.machines) values.machines = q.machines.split(/[\s,;]+/).filter(Boolean).join("\n");
  if (!q.drift) return { values };

  const parsed = driftFilter.safeParse({ kind: q.drift, role: q.role, rack: q.rack, days: q.days });
  if (!parsed.success) return { values, notice: { tone: "warning", text: `Ignored the drift list in the link: ${parsed.error.issues[0]?.message}.` } };
  // The rack narrowed the list; the hostnames carry it now.
  delete values.rack;
  const hostnames = await driftHostnames(parsed.data);
  const list = describeDrift(parsed.data);
  if (!hostnames.length) return { values, notice: { tone: "warning", text: `No ${list} are left: the list is empty now.` } };
  values.machines = hostnames.join("\n");
  const n = hostnames.length.toLocaleString("en");
  return { values, notice: { tone: "info", text: `Prefilled with the ${n} ${list}${hostnames.length === DRIFT_MAX ? " (the first of more)" : ""}.` } };
}
