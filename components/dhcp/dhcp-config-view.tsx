import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { DetailItem } from "@/components/ui/detail-item";
import { Section } from "@/components/ui/page-header";
import { checkerCommandLine } from "@/lib/dhcp/check";
import type { DhcpFormat } from "@/lib/dhcp/model";
import type { DhcpPreview } from "@/lib/dhcp/preview";

export const FORMAT_LABELS: Record<DhcpFormat, { label: string; file: string; target: string; reload: string }> = {
  isc: { label: "ISC dhcpd", file: "dhcpd.conf", target: "/etc/dhcp/dhcpd.conf", reload: "systemctl restart isc-dhcp-server" },
  kea: { label: "Kea DHCPv4", file: "kea-dhcp4.conf", target: "/etc/kea/kea-dhcp4.conf", reload: "systemctl reload kea-dhcp4-server" },
  dnsmasq: { label: "dnsmasq", file: "dnsmasq.conf", target: "/etc/dnsmasq.d/fleetboot.conf", reload: "systemctl restart dnsmasq" },
};

/** Lines of the file shown in the page; the download has all of them. */
export const PREVIEW_LINES = 400;

const link = "text-sky-700 hover:underline dark:text-sky-400";

export function DhcpFormatTabs({ current }: { current: DhcpFormat }) {
  return (
    <nav aria-label="DHCP server" className="flex gap-1 border-b border-zinc-200 dark:border-zinc-800">
      {(Object.keys(FORMAT_LABELS) as DhcpFormat[]).map((f) => (
        <Link
          key={f}
          href={`/dhcp?format=${f}`}
          aria-current={f === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${f === current ? "border-sky-600 font-medium text-zinc-900 dark:text-zinc-100" : "border-transparent text-zinc-500 hover:text-zinc-800 dark:text-zinc-400 dark:hover:text-zinc-200"}`}
        >
          {FORMAT_LABELS[f].label}
        </Link>
      ))}
    </nav>
  );
}

const Fact = (props: { label: string; children: React.ReactNode }) => <DetailItem width="wide" {...props} />;

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

export function DhcpConfigView({ preview }: { preview: DhcpPreview }) {
  const { format, result } = preview;
  const meta = FORMAT_LABELS[format];
  return (
    <>
      <Section
        title="Summary"
        actions={
          result.ok ? (
            <a href={`/api/dhcp/${format}`} download={meta.file} className={buttonClass("secondary")}>
              Download {meta.file}
            </a>
          ) : null
        }
      >
        <dl className="text-sm">
          <Fact label="State">
            {result.ok ? (
              <Badge tone="green">renders</Badge>
            ) : (
              <span className="inline-flex flex-wrap items-center gap-2">
                <Badge tone="red">cannot render</Badge>
                <span>{result.problems.length ? plural(result.problems.length, "problem") + " below" : result.message}</span>
              </span>
            )}
          </Fact>
          <Fact label="Subnets">{preview.subnets.toLocaleString("en")}</Fact>
          <Fact label="Reservations">
            {plural(preview.reservations, "machine")} with an address
            {preview.withoutReservation > 0 ? (
              <span className="text-zinc-500 dark:text-zinc-400">
                {" "}· {plural(preview.withoutReservation, "machine")} without an address or boot interface get none (they lease from a pool)
              </span>
            ) : null}
          </Fact>
          <Fact label="iPXE is sent to">
            {preview.chainUrl ? <span className="font-mono">{preview.chainUrl}</span> : "—"}
            {preview.chainFrom === "host" ? (
              <p role="note" className="text-amber-800 dark:text-amber-300">
                FLEETBOOT_PUBLIC_URL is not set, so this is the address this page was opened on. Machines must reach the console
                there; set FLEETBOOT_PUBLIC_URL to the address they use.
              </p>
            ) : null}
          </Fact>
          {result.ok ? (
            <>
              <Fact label="Size">
                {plural(result.lines, "line")}, {(result.bytes / 1024).toLocaleString("en", { maximumFractionDigits: 1 })} KiB
              </Fact>
              <Fact label="ETag"><span className="font-mono">{result.etag}</span></Fact>
            </>
          ) : null}
        </dl>
      </Section>
      {!result.ok && result.problems.length > 0 ? (
        <Section title="What to fix first">
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            Nothing is served until every problem is fixed: a DHCP server keeps its last good config. Fix them on{" "}
            <Link href="/subnets" className={link}>Subnets</Link> or <Link href="/machines" className={link}>Machines</Link>.
          </p>
          <table className="w-full text-left text-sm">
            <thead className="text-zinc-500 dark:text-zinc-400">
              <tr>
                <th scope="col" className="py-1 pr-4 font-medium">Where</th>
                <th scope="col" className="py-1 font-medium">Problem</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.slice(0, 200).map((p, i) => (
                <tr key={i} className="border-t border-zinc-200 dark:border-zinc-800">
                  <td className="py-1 pr-4 font-mono whitespace-nowrap"><ProblemPlace where={p.where} /></td>
                  <td className="py-1">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.problems.length > 200 ? <p className="text-sm text-zinc-500">and {plural(result.problems.length - 200, "more problem")}.</p> : null}
        </Section>
      ) : null}
      <Section title="Keep a DHCP server in step">
        <div className="space-y-2 text-sm">
          <p>
            On the DHCP server, from cron or config management (a checkout of Fleetboot there): fetch the config from this console with
            an API token (the viewer role is enough), check it with <span className="font-mono">{checkerCommandLine(format, meta.target)}</span>, replace the
            file atomically only when it changed, and reload only then. With <span className="font-mono">DATABASE_URL</span> set
            instead of <span className="font-mono">--from</span>, it renders from the database itself.
          </p>
          <pre className="overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {`FLEETBOOT_TOKEN=… npm run dhcp:render -- --format ${format} --from ${consoleBase(preview)} \\\n  --out ${meta.target} --reload-command "${meta.reload}"`}
          </pre>
          <p>Or poll the API with an API token; an unchanged config answers 304:</p>
          <pre className="overflow-x-auto rounded border border-zinc-200 bg-zinc-50 p-2 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
            {`curl -fsS -H "Authorization: Bearer $TOKEN" ${result.ok ? `-H 'If-None-Match: ${result.etag}' ` : ""}\\\n  ${consoleBase(preview)}/api/dhcp/${format}`}
          </pre>
        </div>
      </Section>
      {result.ok ? <ConfigText text={result.text} lines={result.lines} file={meta.file} /> : null}
    </>
  );
}

/** The console's base URL as the config names it (where iPXE is sent). */
function consoleBase(preview: DhcpPreview): string {
  return preview.chainUrl ? preview.chainUrl.replace(/\/api\/boot\/ipxe$/, "") : "http://console:3000";
}

/** "host stor-01" and "subnet prod-a" link to where they are fixed. */
function ProblemPlace({ where }: { where: string }) {
  const m = /^(host|subnet) ([a-z0-9][a-z0-9.-]*)$/.exec(where);
  if (!m) return <>{where}</>;
  return (
    <>
      {m[1]} <Link href={`/${m[1] === "host" ? "machines" : "subnets"}/${m[2]}`} className={link}>{m[2]}</Link>
    </>
  );
}

function ConfigText({ text, lines, file }: { text: string; lines: number; file: string }) {
  let shown = text;
  if (lines > PREVIEW_LINES) {
    let at = -1;
    for (let i = 0; i < PREVIEW_LINES; i++) at = text.indexOf("\n", at + 1);
    shown = text.slice(0, at + 1);
  }
  return (
    <Section title={file}>
      {lines > PREVIEW_LINES ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          The first {PREVIEW_LINES.toLocaleString("en")} of {lines.toLocaleString("en")} lines; the download has all of them.
        </p>
      ) : null}
      <pre aria-label={`${file} preview`} className="max-h-[40rem] overflow-auto rounded border border-zinc-200 bg-zinc-50 p-3 font-mono text-xs dark:border-zinc-800 dark:bg-zinc-900">
        {shown}
      </pre>
    </Section>
  );
}
