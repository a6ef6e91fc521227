import { headers } from "next/headers";
import { DhcpConfigView, DhcpFormatTabs, FORMAT_LABELS } from "@/components/dhcp/dhcp-config-view";
import { PageHeader } from "@/components/ui/page-header";
import { previewDhcpConfig } from "@/lib/dhcp/preview";
import { dhcpFormat } from "@/lib/dhcp/schema";

export const dynamic = "force-dynamic";
export const metadata = { title: "DHCP" };

export default async function DhcpPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const parsed = dhcpFormat.safeParse((await searchParams).format ?? "isc");
  const format = parsed.success ? parsed.data : "isc";
  const preview = await previewDhcpConfig(format, (await headers()).get("host"));
  return (
    <>
      <PageHeader
        title="DHCP"
        subtitle={`The ${FORMAT_LABELS[format].label} configuration for the whole fleet: a reservation per machine with an address, and PXE firmware chained to iPXE and this console.`}
      />
      <div className="space-y-6 p-6">
        <DhcpFormatTabs current={format} />
        {parsed.success ? null : (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            There is no DHCP format {JSON.stringify(String((await searchParams).format))}; showing ISC dhcpd.
          </p>
        )}
        <DhcpConfigView preview={preview} />
      </div>
    </>
  );
}
