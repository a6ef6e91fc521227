import Link from "next/link";
import { WhenAllowed } from "@/components/auth/when-allowed";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DetailItem } from "@/components/ui/detail-item";
import { Section } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import type { UnknownMacPreview } from "@/lib/boot/preview";

export function UnknownMacPreviewView({ preview }: { preview: UnknownMacPreview }) {
  const { mac, seen } = preview;
  return (
    <>
      <Section title="Decision">
        <dl className="text-sm">
          <DetailItem label="MAC"><span className="font-mono">{mac}</span></DetailItem>
          <DetailItem label="Outcome">
            <span className="inline-flex flex-wrap items-center gap-2">
              <Badge tone="amber">holds</Badge> <span role="status">no machine has this MAC: it waits and asks again until one does</span>
            </span>
          </DetailItem>
          <DetailItem label="Unknown-MAC inbox">
            {seen ? (
              <span>
                asked {seen.requestCount.toLocaleString("en")} time{seen.requestCount === 1 ? "" : "s"}, last <TimeAgo date={seen.lastSeenAt} />
                {seen.sourceIp ? <> from <span className="font-mono">{seen.sourceIp}</span></> : null}
                {seen.platform || seen.arch ? <> ({[seen.platform, seen.arch].filter(Boolean).join(", ")})</> : null}
              </span>
            ) : (
              "has not asked yet; it is listed when it does"
            )}
          </DetailItem>
        </dl>
        <WhenAllowed permission="operate">
          <Link href={`/machines/import?macs=${encodeURIComponent(mac)}`} className={buttonClass("primary")}>Register this MAC</Link>
        </WhenAllowed>
      </Section>
      <Section title="Script">
        {preview.error ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{preview.error}</p> : null}
        {preview.script ? (
          <pre aria-label="iPXE script" className="max-h-[36rem] overflow-auto rounded border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {preview.script}
          </pre>
        ) : null}
      </Section>
    </>
  );
}
