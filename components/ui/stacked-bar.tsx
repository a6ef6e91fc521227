export interface BarSegment {
  value: number;
  label: string;
  /** Background colour classes for this segment. */
  className: string;
}

/**
 * A thin horizontal bar split into parts of a whole. Colour alone never carries the
 * meaning: the parts are named in the accessible label and in each part's tooltip, and
 * callers print the numbers beside it.
 */
export function StackedBar({ segments, total, className = "w-40" }: { segments: BarSegment[]; total?: number; className?: string }) {
  const whole = total ?? segments.reduce((sum, s) => sum + s.value, 0);
  const shown = segments.filter((s) => s.value > 0);
  const label = shown.map((s) => `${s.value} ${s.label}`).join(", ") || "none";
  return (
    <div role="img" aria-label={label} className={`flex h-2 overflow-hidden rounded-sm bg-zinc-200 dark:bg-zinc-800 ${className}`}>
      {whole > 0
        ? shown.map((s) => (
            <div key={s.label} title={`${s.value} ${s.label}`} className={s.className} style={{ width: `${(s.value / whole) * 100}%` }} />
          ))
        : null}
    </div>
  );
}
