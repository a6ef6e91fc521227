"use client";

import { Area, AreaChart, CartesianGrid, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import { machinesAdded } from "@/lib/fleet/trend";
import { CHART_VARS } from "./chart-colours";

export interface TrendSeries {
  title: string;
  desiredVersion: string | null;
  /** Epoch ms, converged machines, machines. */
  points: [number, number, number][];
  rollouts: { name: string; from: number; to: number; state: string }[];
}

const AXIS = { stroke: "var(--c-axis)", tick: { fill: "var(--c-axis)", fontSize: 11 } };

// UTC, like every server-rendered time in the console, so server and browser agree.
const DAY = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });
const FULL = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" });

function share(converged: number, total: number): number | null {
  return total ? Math.floor((converged / total) * 1000) / 10 : null;
}

function TrendTooltip({ active, payload }: { active?: boolean; payload?: { payload: { t: number; converged: number; total: number; pct: number | null } }[] }) {
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="rounded border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-medium">{FULL.format(p.t)} UTC</p>
      <p className="tabular-nums">
        {p.total ? `${p.converged.toLocaleString("en")} of ${p.total.toLocaleString("en")} machines on the desired version (${p.pct}%)` : "no machines yet"}
      </p>
    </div>
  );
}

/** One role's share of machines on its desired version over time, rollouts shaded. */
export function TrendChart({ series, stepSeconds }: { series: TrendSeries; stepSeconds: number }) {
  const data = series.points.map(([t, converged, total]) => ({ t, converged, total, pct: share(converged, total) }));
  const first = data.find((d) => d.pct !== null);
  const last = data[data.length - 1];
  const change = first && last?.pct !== null && last ? Math.round((last.pct! - first.pct!) * 10) / 10 : null;
  const added = machinesAdded(series.points);
  const from = data[0]?.t ?? 0;
  const to = last?.t ?? 0;
  const format = stepSeconds >= 86_400 ? DAY : TIME;
  const described = last?.pct === null || !last ? "no machines" : `${last.pct}% now${change !== null ? `, ${change >= 0 ? "up" : "down"} ${Math.abs(change)} points since ${FULL.format(from)} UTC` : ""}`;
  return (
    <figure className={`rounded border border-zinc-200 p-3 dark:border-zinc-800 ${CHART_VARS}`}>
      <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-x-3">
        <span className="font-medium">{series.title}</span>
        <span className="text-sm tabular-nums">
          {last?.pct !== null && last ? `${last.pct}%` : "—"}
          {change !== null && change !== 0 ? (
            <span className={`ml-1.5 text-xs ${change > 0 ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"}`}>
              {change > 0 ? "▲" : "▼"} {Math.abs(change)} pts
            </span>
          ) : null}
          {added !== 0 ? (
            <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400" title={added > 0 ? "New machines count as not on the desired version until they boot it" : "Machines left the role"}>
              {added > 0 ? "+" : "−"}{Math.abs(added).toLocaleString("en")} machine{Math.abs(added) === 1 ? "" : "s"}
            </span>
          ) : null}
        </span>
        {series.desiredVersion ? <span className="w-full truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{series.desiredVersion}</span> : null}
      </figcaption>
      <div role="img" aria-label={`${series.title}: share on ${series.desiredVersion ?? "the desired version"}, ${described}`}>
        <AreaChart data={data} responsive style={{ width: "100%", height: 150 }} margin={{ top: 6, right: 8, bottom: 0, left: -18 }} accessibilityLayer={false}>
          <CartesianGrid vertical={false} stroke="var(--c-grid)" />
          <XAxis dataKey="t" type="number" scale="time" domain={[from, to]} tickFormatter={(t: number) => format.format(t)} minTickGap={24} {...AXIS} />
          <YAxis domain={[0, 100]} ticks={[0, 50, 100]} tickFormatter={(v: number) => `${v}%`} {...AXIS} />
          {series.rollouts.map((r) => (
            <ReferenceArea key={`${r.name}-${r.from}`} x1={Math.max(r.from, from)} x2={Math.min(r.to, to)} fill="var(--c-mark)" fillOpacity={0.12} stroke="var(--c-mark)" strokeOpacity={0.4} ifOverflow="hidden" />
          ))}
          <Tooltip content={<TrendTooltip />} isAnimationActive={false} />
          <Area type="linear" dataKey="pct" stroke="var(--c-line)" strokeWidth={2} fill="var(--c-line)" fillOpacity={0.15} isAnimationActive={false} connectNulls={false} />
        </AreaChart>
      </div>
      {series.rollouts.length ? (
        <ul className="mt-1 space-y-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          {series.rollouts.map((r) => (
            <li key={`${r.name}-${r.from}`}>
              <span aria-hidden className="mr-1.5 inline-block h-2 w-3 rounded-sm bg-sky-600/20 ring-1 ring-sky-600/50 dark:bg-sky-400/20 dark:ring-sky-400/50" />
              Rollout {r.name ? `“${r.name}”` : ""} {FULL.format(r.from)}–{r.to >= to ? "now" : FULL.format(r.to)} UTC · {r.state}
            </li>
          ))}
        </ul>
      ) : null}
    </figure>
  );
}
