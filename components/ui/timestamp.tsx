// Server-rendered times are shown in UTC: the server cannot know the reader's zone, and
// a client-side conversion would flash and mismatch on hydration.

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

export function formatUtc(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
}

export function formatAge(date: Date, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - date.getTime()) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

/** A UTC date and time, with its age on hover. */
export function Timestamp({ date }: { date: Date }) {
  return (
    <time dateTime={date.toISOString()} title={`${formatAge(date)} · ${date.toISOString()}`} className="tabular-nums">
      {formatUtc(date)}
    </time>
  );
}
