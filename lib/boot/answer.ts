import { createBatcher } from "@/lib/batch";
import { consoleMetrics, type BootOutcome } from "@/lib/metrics/registry";
import { recordScriptsServed, recordUnknownMacs, type ScriptServed, type UnknownMacSighting } from "./mutations";
import { planBoot, type BootPlanBoot } from "./plan";
import { enabledMirrors } from "./mirror-cache";
import { findBootTargets } from "./queries";
import { holdSeconds, renderHoldScript, unknownMacLines } from "./render-hold";
import { renderBootScript } from "./render-script";
import type { BootHttpRequest } from "./reply";
import type { BootQuery } from "./schema";
import { issueBootToken } from "./token";

export interface ScriptRequest {
  query: BootQuery;
  req: BootHttpRequest;
  consoleUrl: string;
}

type Outcome = { script: string; kind: Extract<BootOutcome, "hold" | "unknown" | "retry"> } | { served: ScriptServed; script: string; hostname: string };

function servedPayload(plan: BootPlanBoot, r: ScriptRequest, bootId: string) {
  const v = plan.target.version;
  const { query, req } = r;
  return {
    bootId, mac: query.mac, version: `${v.image}:${v.version}`, versionId: v.id, attempt: plan.attempt,
    mirrors: plan.sources.map((s) => s.mirror.name), arch: query.arch, platform: query.platform,
    uuid: query.uuid, serial: query.serial, sourceIp: req.sourceIp,
  };
}

/**
 * Scripts for one batch of per-MAC requests. Requests for the same MAC in one batch (an
 * impatient iPXE) share one answer and one token; a machine asked for twice through two
 * of its MACs gets one script, and the other MAC is told to ask again.
 */
async function answerBatch(batch: ScriptRequest[]): Promise<string[]> {
  const byMac = new Map<string, ScriptRequest[]>();
  for (const r of batch) byMac.set(r.query.mac, [...(byMac.get(r.query.mac) ?? []), r]);
  const metrics = consoleMetrics();
  const readTimer = metrics.bootBatchSeconds.startTimer({ stage: "read" });
  const [targets, mirrors] = await Promise.all([findBootTargets([...byMac.keys()]), enabledMirrors()]);
  readTimer();

  const outcomes = new Map<string, Outcome>();
  const unknown: UnknownMacSighting[] = [];
  const machines = new Set<string>();
  for (const [mac, group] of byMac) {
    const first = group[0];
    const base = first.consoleUrl;
    const target = targets.get(mac);
    if (!target) {
      unknown.push({ ...first.query, sourceIp: first.req.sourceIp, userAgent: first.req.userAgent, requests: group.length });
      outcomes.set(mac, { script: renderHoldScript(base, unknownMacLines(mac), holdSeconds()), kind: "unknown" });
      continue;
    }
    const plan = planBoot(target, mirrors);
    if (plan.kind === "hold" || machines.has(target.machineId)) {
      const why = plan.kind === "hold" ? plan.reason : "another interface of this machine asked at the same moment";
      const hold = plan.kind === "hold";
      outcomes.set(mac, { script: renderHoldScript(base, [`${target.hostname} (${mac}) will not boot yet:`, why], hold ? holdSeconds() : 5), kind: hold ? "hold" : "retry" });
      continue;
    }
    machines.add(target.machineId);
    const issued = issueBootToken(target.machineId);
    try {
      const script = renderBootScript(plan, { consoleUrl: base, token: issued.token, bootId: issued.bootId, random: Math.random });
      const served = { machineId: target.machineId, tokenHash: issued.tokenHash, bootId: issued.bootId, attempt: plan.attempt, payload: servedPayload(plan, first, issued.bootId) };
      outcomes.set(mac, { served, script, hostname: target.hostname });
    } catch (err) {
      outcomes.set(mac, { script: renderHoldScript(base, [`${target.hostname} cannot boot:`, (err as Error).message], holdSeconds()), kind: "hold" });
    }
  }

  const toServe = [...outcomes.values()].flatMap((o) => ("served" in o ? [o.served] : []));
  const writeTimer = metrics.bootBatchSeconds.startTimer({ stage: "write" });
  const [written] = await Promise.all([recordScriptsServed(toServe), recordUnknownMacs(unknown)]);
  writeTimer();
  const counts: Partial<Record<BootOutcome, number>> = {};
  const count = (outcome: BootOutcome) => (counts[outcome] = (counts[outcome] ?? 0) + 1);
  const scripts = batch.map((r) => {
    const o = outcomes.get(r.query.mac)!;
    if (!("served" in o)) {
      count(o.kind);
      return o.script;
    }
    if (written.has(o.served.machineId)) {
      count("boot");
      return o.script;
    }
    count("retry");
    return renderHoldScript(r.consoleUrl, [`${o.hostname} changed while its script was built; asking again.`], 5);
  });
  for (const [outcome, n] of Object.entries(counts)) metrics.bootScripts.inc({ outcome }, n);
  return scripts;
}

/** The script for one per-MAC request, answered together with whatever arrived alongside it. */
// One read for the batch's MACs and one write for its scripts; every request waits for the
// commit of its own batch before it is answered, so no token exists only in memory. One
// batch in flight gave the largest batches and the best req/s and p99 (bench/boot.bench.mts).
// At most 50 scripts per batch: a storm's thousand requests at once become twenty short
// statements rather than five long ones, so each script's event is committed, and
// streamed, within ~100 ms of its statement starting (bench/boot-storm.bench.mts: event
// p99 150–170 ms, against 330–1030 ms with batches of 200), for the same time to the last
// machine. Fifty connections (bench/boot.bench.mts) never fill a batch anyway.
export const answerScriptRequest = createBatcher(answerBatch, { maxBatch: 50 });
