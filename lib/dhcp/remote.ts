import type { DhcpFormat } from "./model";
import type { DhcpProblem } from "./validate";

// The CLI on a DHCP server that has no database credentials: the config comes from a
// console's API (GET /api/dhcp/<format>) with an API token, as the page's curl example
// fetches it. The console renders and validates it exactly as for the page and cron.

export type RemoteConfig =
  | { ok: true; text: string; etag: string | null }
  | { ok: false; status: number | null; message: string; problems: DhcpProblem[] };

export async function fetchDhcpConfig(
  from: string,
  format: DhcpFormat,
  token: string,
  query: { console?: string; interfaces?: string[] },
  timeoutMs = 30_000,
): Promise<RemoteConfig> {
  const url = new URL(`${from.replace(/\/+$/, "")}/api/dhcp/${format}`);
  if (query.console) url.searchParams.set("console", query.console);
  if (query.interfaces) url.searchParams.set("interfaces", query.interfaces.join(","));
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, status: null, message: `cannot reach ${url.origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`, problems: [] };
  }
  const text = await res.text();
  if (res.ok) return { ok: true, text, etag: res.headers.get("etag") };
  let message = `${url.origin} answered ${res.status}`;
  let problems: DhcpProblem[] = [];
  try {
    const body = JSON.parse(text) as { error?: { message?: string; details?: { problems?: DhcpProblem[] } } };
    if (body.error?.message) message = `${message}: ${body.error.message}`;
    problems = body.error?.details?.problems ?? [];
  } catch {
    // Not the console's JSON error (a proxy's page): the status says enough.
  }
  return { ok: false, status: res.status, message, problems };
}
