import { Badge } from "@/components/ui/badge";
import { DetailItem } from "@/components/ui/detail-item";
import { Section } from "@/components/ui/page-header";
import type { BootPreview } from "@/lib/boot/preview";
import { MirrorOrderTable } from "./mirror-order-table";
import { ScriptSection } from "./script-section";

const Item = (props: { label: string; children: React.ReactNode }) => <DetailItem width="medium" {...props} />;

export function BootPreviewView({ preview }: { preview: BootPreview }) {
  const { plan } = preview;
  const { target } = plan;
  const v = target.version;
  return (
    <>
      <Section title="Decision">
        <dl className="text-sm">
          <Item label="Boot interface"><span className="font-mono">{target.mac}</span></Item>
          <Item label="Outcome">
            {plan.kind === "boot" ? (
              <Badge tone="green">boots {v?.image}:{v?.version}</Badge>
            ) : (
              <span className="inline-flex flex-wrap items-center gap-2">
                <Badge tone="amber">holds</Badge> <span role="status">{plan.reason}</span>
              </span>
            )}
          </Item>
          <Item label="Role">{target.role ? <span className="font-mono">{target.role.name}</span> : "none"}</Item>
          <Item label="Image version">
            {v ? (
              <span>
                <span className="font-mono">{v.image}:{v.version}</span> ({v.status}) — the desired version of role{" "}
                <span className="font-mono">{target.role?.name}</span>
              </span>
            ) : (
              "none"
            )}
          </Item>
          <Item label="Network">
            {target.ipv4 ? <span className="font-mono">{target.ipv4}</span> : "DHCP"}
            {target.subnet ? <span className="text-zinc-500"> in {target.subnet.name} ({target.subnet.cidr})</span> : null}
          </Item>
          {plan.kind === "boot" ? (
            <Item label="Attempt">
              {plan.attempt === 0 ? "first boot since the last report" : `${plan.attempt + 1}: the previous boot never reported in, so the mirror order is rotated`}
            </Item>
          ) : null}
        </dl>
        {plan.warnings.length > 0 ? (
          <ul className="mt-2 list-disc pl-5 text-sm text-amber-800 dark:text-amber-300">
            {plan.warnings.map((w) => <li key={w}>{w}</li>)}
          </ul>
        ) : null}
      </Section>
      <Section title="Mirror order (rendezvous hashing on the MAC, weighted)">
        <MirrorOrderTable mirrors={preview.mirrors} />
      </Section>
      <ScriptSection script={preview.script} error={preview.error}>
        <p className="text-sm text-zinc-500 dark:text-zinc-400">
          Rendered without issuing a token: the machine gets a fresh token and boot id, and jittered waits, when it asks.
        </p>
      </ScriptSection>
    </>
  );
}
