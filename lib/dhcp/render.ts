import type { DhcpFleet, DhcpFormat, DhcpOptions } from "./model";
import { renderDnsmasqConfig } from "./render-dnsmasq";
import { renderIscConfig } from "./render-isc";
import { renderKeaConfig } from "./render-kea";

const RENDERERS: Record<DhcpFormat, { render: (fleet: DhcpFleet, options: DhcpOptions) => string; contentType: string }> = {
  isc: { render: renderIscConfig, contentType: "text/plain; charset=utf-8" },
  kea: { render: renderKeaConfig, contentType: "application/json" },
  dnsmasq: { render: renderDnsmasqConfig, contentType: "text/plain; charset=utf-8" },
};

/** Validates, then renders; throws DhcpConfigError listing every problem. */
export function renderDhcpConfig(format: DhcpFormat, fleet: DhcpFleet, options: DhcpOptions): { text: string; contentType: string } {
  const r = RENDERERS[format];
  return { text: r.render(fleet, options), contentType: r.contentType };
}
