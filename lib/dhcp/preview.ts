import { consoleUrlFromHost } from "@/lib/boot/console-url";
import { AppError } from "@/lib/http/errors";
import { dhcpOptions, renderWithEtag } from "./build";
import type { DhcpFormat } from "./model";
import { countMachinesWithoutReservation, loadDhcpFleet } from "./queries";
import type { DhcpProblem } from "./validate";

/** What the DHCP page shows a person; the file itself is served by /api/dhcp/<format>. */
export interface DhcpPreview {
  format: DhcpFormat;
  subnets: number;
  reservations: number;
  withoutReservation: number;
  /** Where iPXE is sent, and whether it came from FLEETBOOT_PUBLIC_URL or the page's own Host. */
  chainUrl: string | null;
  chainFrom: "setting" | "host" | null;
  result: { ok: true; text: string; etag: string; bytes: number; lines: number } | { ok: false; message: string; problems: DhcpProblem[] };
}

/** The config for `format` as /api/dhcp/<format> would serve it to a request on `host`, or every reason it cannot. */
export async function previewDhcpConfig(format: DhcpFormat, host: string | null): Promise<DhcpPreview> {
  const [fleet, withoutReservation] = await Promise.all([loadDhcpFleet(), countMachinesWithoutReservation()]);
  const base = { format, subnets: fleet.subnets.length, reservations: fleet.hosts.length, withoutReservation };
  const chainFrom = consoleUrlFromHost() ? "host" : "setting";
  let options;
  try {
    options = dhcpOptions({ host });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { ...base, chainUrl: null, chainFrom: null, result: { ok: false, message: err.message, problems: [] } };
  }
  const chain = { chainUrl: options.chainUrl, chainFrom } as const;
  const outcome = renderWithEtag(format, fleet, options);
  if (!outcome.ok) return { ...base, ...chain, result: { ok: false, message: outcome.message, problems: outcome.problems } };
  const { text, etag } = outcome;
  const lines = text.endsWith("\n") ? text.split("\n").length - 1 : text.split("\n").length;
  return { ...base, ...chain, result: { ok: true, text, etag, bytes: Buffer.byteLength(text), lines } };
}
