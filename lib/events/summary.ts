// One line of a JSON payload for a dense table: scalars as key=value, nested values
// abbreviated, cut at `max` characters. Keys whose value is null say nothing and are left out.

function scalar(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.length}]`;
  if (typeof value === "object") return "{…}";
  if (typeof value === "string") return /[\s=,]/.test(value) || value === "" ? JSON.stringify(value) : value;
  return String(value);
}

export function summarizePayload(payload: unknown, max = 120): string {
  if (payload === null || payload === undefined) return "";
  const text =
    typeof payload === "object" && !Array.isArray(payload)
      ? Object.entries(payload as Record<string, unknown>)
          .filter(([, value]) => value !== null)
          .map(([key, value]) => `${key}=${scalar(value)}`)
          .join(" ")
      : scalar(payload);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
