import Link from "next/link";
import { WhenAllowed } from "@/components/auth/when-allowed";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DetailItem } from "@/components/ui/detail-item";
import { Section } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import type { UnknownMacPreview } from "@/lib/boot/preview";
import { HOLD_SECONDS, PREVIEW_HOLD_SECONDS } from "@/lib/boot/render-hold";
import { ScriptSection } from "./script-section";

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
      <ScriptSection script={preview.script} error={preview.error}>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Shown with a {PREVIEW_HOLD_SECONDS} s wait: the script served waits a random {HOLD_SECONDS.min}–{HOLD_SECONDS.max} s, so that a rack of unknown machines does not ask again all at once.
        </p>
      </ScriptSection>
    </>
  );
}
