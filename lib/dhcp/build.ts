import { consoleUrl } from "@/lib/boot/console-url";
import { AppError } from "@/lib/http/errors";
import { etagOf } from "./etag";
import type { DhcpFleet, DhcpFormat, DhcpOptions } from "./model";
import { loadDhcpFleet } from "./queries";
import { renderDhcpConfig } from "./render";
import { interfaceList } from "./schema";
import { DhcpConfigError, type DhcpProblem } from "./validate";

export interface DhcpRequestInput {
  /** An explicit console base URL (query ?console= or the CLI's --console). */
  console?: string;
  /** The Host the request came in on, used when neither --console nor FLEETBOOT_PUBLIC_URL is given. */
  host?: string | null;
  interfaces?: string[];
}

/** The options every renderer needs, from the request, then the environment, then defaults. */
export function dhcpOptions(input: DhcpRequestInput, env: NodeJS.ProcessEnv = process.env): DhcpOptions {
  let base = input.console?.replace(/\/+$/, "");
  if (!base) {
    const resolved = consoleUrl(input.host, env);
    if (!resolved.ok) throw new AppError("unprocessable", `cannot tell iPXE where the console is: ${resolved.reason}`);
    base = resolved.url;
  }
  const fromEnv = env.FLEETBOOT_KEA_INTERFACES ? interfaceList.safeParse(env.FLEETBOOT_KEA_INTERFACES) : null;
  if (fromEnv && !fromEnv.success) throw new AppError("unprocessable", "FLEETBOOT_KEA_INTERFACES must list interface names or *");
  // "*": Kea refuses to start (and its checker fails) on a named interface that does not exist.
  return { chainUrl: `${base}/api/boot/ipxe`, keaInterfaces: input.interfaces ?? fromEnv?.data ?? ["*"] };
}

export type RenderOutcome =
  | { ok: true; text: string; contentType: string; etag: string }
  | { ok: false; message: string; problems: DhcpProblem[] };

/** The config of `fleet` for `format` with its ETag, or every problem that stops it. */
export function renderWithEtag(format: DhcpFormat, fleet: DhcpFleet, options: DhcpOptions): RenderOutcome {
  try {
    const { text, contentType } = renderDhcpConfig(format, fleet, options);
    return { ok: true, text, contentType, etag: etagOf(text) };
  } catch (err) {
    if (err instanceof DhcpConfigError) return { ok: false, message: err.message, problems: err.problems };
    throw err;
  }
}

/** The current config for `format`, validated, with its ETag. */
export async function buildDhcpConfig(format: DhcpFormat, input: DhcpRequestInput) {
  const options = dhcpOptions(input);
  const outcome = renderWithEtag(format, await loadDhcpFleet(), options);
  if (!outcome.ok) throw new AppError("unprocessable", outcome.message, { problems: outcome.problems });
  return outcome;
}
