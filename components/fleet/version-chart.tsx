"use client";

import { Bar, BarChart, CartesianGrid, LabelList, Tooltip, XAxis, YAxis } from "recharts";
import { describeDistribution, SEGMENT_KEYS, type DistributionRow, type SegmentKey } from "@/lib/fleet/distribution";
import { CHART_VARS, SEGMENT_FILL, SEGMENT_SWATCH, SEGMENT_TEXT } from "./chart-colours";

const AXIS = { stroke: "var(--c-axis)", tick: { fill: "var(--c-axis)", fontSize: 12 } };

/** The version without its image name, to fit inside a bar. */
function short(name: string | undefined): string {
  if (!name) return "";
  const cut = name.indexOf(":");
  return cut < 0 ? name : name.slice(cut + 1).replace(" (desired)", "");
}

interface LabelProps {
  x?: number | string;
  y?: number | string;
  width?: number | string;
  height?: number | string;
  index?: number;
}

function segmentLabel(rows: DistributionRow[], key: SegmentKey) {
  function SegmentLabel({ x = 0, y = 0, width = 0, height = 0, index = 0 }: LabelProps) {
    const text = short(rows[index]?.names[key]);
    // Only where it fits; the tooltip, the legend and the table below carry the rest.
    if (!text || Number(width) < text.length * 7 + 8) return null;
    return (
      <text x={Number(x) + Number(width) / 2} y={Number(y) + Number(height) / 2} fill={SEGMENT_TEXT[key]} fontSize={11} textAnchor="middle" dominantBaseline="central">
        {text}
      </text>
    );
  }
  return SegmentLabel;
}

function DistributionTooltip({ active, label, rows }: { active?: boolean; label?: string | number; rows: DistributionRow[] }) {
  const row = rows.find((r) => r.role === label);
  if (!active || !row) return null;
  return (
    <div className="rounded border border-zinc-200 bg-white px-3 py-2 text-xs shadow-sm dark:border-zinc-700 dark:bg-zinc-900">
      <p className="mb-1 font-medium">
        {row.role} · {row.total.toLocaleString("en")} machines
      </p>
      <ul className="space-y-0.5">
        {SEGMENT_KEYS.filter((k) => row.counts[k] > 0).map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <span aria-hidden className={`inline-block size-2 rounded-sm ${SEGMENT_SWATCH[k]}`} />
            <span className="font-mono">{row.names[k]}</span>
            <span className="ml-auto pl-3 tabular-nums">
              {row.counts[k].toLocaleString("en")} ({Math.floor((row.counts[k] / row.total) * 100)}%)
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const LEGEND: { keys: SegmentKey[]; text: string }[] = [
  { keys: ["desired"], text: "Desired version" },
  { keys: ["other1", "other2", "other3", "other4"], text: "Other versions, most machines first (named in the bar)" },
  { keys: ["more"], text: "More versions" },
  { keys: ["never"], text: "Never reported" },
];

/** Per role, the share of machines on each image version: stacked bars to 100 %. */
export function VersionChart({ rows }: { rows: DistributionRow[] }) {
  const present = SEGMENT_KEYS.filter((k) => rows.some((r) => r.counts[k] > 0));
  const data = rows.map((r) => ({ role: r.role, ...r.counts }));
  return (
    <figure className={`space-y-2 ${CHART_VARS}`}>
      <div role="img" aria-label={`Versions per role. ${describeDistribution(rows)}`}>
        <BarChart
          layout="vertical"
          data={data}
          stackOffset="expand"
          responsive
          style={{ width: "100%", maxWidth: 960, height: 36 + rows.length * 32 }}
          margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
          barCategoryGap={5}
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke="var(--c-grid)" />
          <XAxis type="number" domain={[0, 1]} ticks={[0, 0.25, 0.5, 0.75, 1]} tickFormatter={(v: number) => `${Math.round(v * 100)}%`} {...AXIS} />
          <YAxis type="category" dataKey="role" width={130} {...AXIS} />
          <Tooltip content={<DistributionTooltip rows={rows} />} cursor={{ fill: "var(--c-grid)", fillOpacity: 0.5 }} isAnimationActive={false} />
          {present.map((k) => (
            <Bar key={k} dataKey={k} stackId="versions" fill={SEGMENT_FILL[k]} isAnimationActive={false}>
              <LabelList dataKey={k} content={segmentLabel(rows, k)} />
            </Bar>
          ))}
        </BarChart>
      </div>
      <figcaption className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        {LEGEND.filter((l) => l.keys.some((k) => present.includes(k))).map((l) => (
          <span key={l.text} className="inline-flex items-center gap-1.5">
            {l.keys.filter((k) => present.includes(k)).map((k) => (
              <span key={k} aria-hidden className={`inline-block size-2.5 rounded-sm ${SEGMENT_SWATCH[k]}`} />
            ))}
            {l.text}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
