// The rollout form is flat (role, rack, windowStart, power1, …); the API nests selector,
// window and powerOrder and wants numbers. Maps one to the other so the form validates
// with the API's schema, and maps the schema's error paths back to the form's fields.

function text(v: unknown): string | undefined {
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** A number when it is one; otherwise the text as typed, so the schema names the field. */
function count(v: unknown): number | string | undefined {
  const t = text(v);
  if (t === undefined) return undefined;
  return /^-?\d+$/.test(t) ? Number(t) : t;
}

export function rolloutFormToInput(values: Record<string, unknown>): Record<string, unknown> {
  const selector = { role: text(values.role), rack: text(values.rack), tag: text(values.tag), machines: text(values.machines) };
  const start = text(values.windowStart);
  const end = text(values.windowEnd);
  const out: Record<string, unknown> = {
    name: text(values.name),
    selector,
    imageVersion: text(values.imageVersion),
    batchSize: count(values.batchSize),
    maxUnavailable: count(values.maxUnavailable),
    perRack: count(values.perRack),
    canary: values.canary ? (count(values.canarySize) ?? true) : undefined,
    healthTimeoutSeconds: count(values.healthTimeoutSeconds),
    minHealthySeconds: count(values.minHealthySeconds),
    failureThreshold: count(values.failureThreshold),
    window: start || end ? { start: start ?? "", end: end ?? "", timezone: text(values.windowTimezone) ?? "UTC" } : undefined,
    powerOrder: [values.power1, values.power2, values.power3].map(text).filter(Boolean),
    requestKey: text(values.requestKey),
  };
  for (const o of [out, selector]) for (const key of Object.keys(o)) if (o[key as keyof typeof o] === undefined) delete o[key as keyof typeof o];
  return out;
}

const FIELD_OF_PATH: Record<string, string> = {
  "selector.role": "role",
  "selector.rack": "rack",
  "selector.tag": "tag",
  "selector.machines": "machines",
  canary: "canarySize",
  "window.start": "windowStart",
  "window.end": "windowEnd",
  "window.timezone": "windowTimezone",
};

const FIELDS = new Set(["name", "selector", "imageVersion", "batchSize", "maxUnavailable", "perRack", "healthTimeoutSeconds", "minHealthySeconds", "failureThreshold", "window", "powerOrder"]);

/**
 * The form field an error path belongs to ("selector.machines.3" → "machines",
 * "powerOrder.1" → "powerOrder"); "_form" for one that belongs to no field.
 */
export function formFieldOf(path: string): string {
  for (let p = path; p; p = p.includes(".") ? p.slice(0, p.lastIndexOf(".")) : "") {
    if (FIELD_OF_PATH[p]) return FIELD_OF_PATH[p];
    if (FIELDS.has(p)) return p;
  }
  return "_form";
}

/** Errors by form field; the first error for a field wins. */
export function errorsByField(fieldErrors: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors ?? {})) out[formFieldOf(path)] ??= message;
  return out;
}
