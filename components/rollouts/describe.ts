// Words for a rollout's selection and durations, shared by the list, the detail page and the form.

/** "role storage · rack r1 · 12 listed machines" from a stored selector. */
export function describeSelector(selector: unknown): string {
  if (!selector || typeof selector !== "object") return "";
  const s = selector as { role?: unknown; rack?: unknown; tag?: unknown; machines?: unknown };
  const parts: string[] = [];
  if (typeof s.role === "string") parts.push(`role ${s.role}`);
  if (typeof s.rack === "string") parts.push(`rack ${s.rack}`);
  if (typeof s.tag === "string") parts.push(`tag ${s.tag}`);
  if (Array.isArray(s.machines)) parts.push(`${s.machines.length.toLocaleString("en")} listed machine${s.machines.length === 1 ? "" : "s"}`);
  return parts.join(" · ");
}

/** 75 → "1 min 15 s", 7300 → "2 h 2 min": short enough for a table cell. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
  const h = Math.floor(s / 3600);
  const m = Math.round((s % 3600) / 60);
  return `${h} h${m ? ` ${m} min` : ""}`;
}
