import { WhenAllowed } from "@/components/auth/when-allowed";
import Link from "next/link";
import { MirrorForm } from "@/components/mirrors/mirror-form";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listMirrors } from "@/lib/mirrors/queries";
import { createMirrorAction } from "./actions";

export const metadata = { title: "Mirrors" };

export default async function MirrorsPage() {
  const mirrors = await listMirrors();
  return (
    <>
      <PageHeader title="Mirrors" subtitle="HTTP servers that hold kernels, initrds and squashfs images. Each machine spreads its downloads over the enabled ones by weight." />
      <div className="space-y-8 p-6">
        <Section title={`${mirrors.length} mirror${mirrors.length === 1 ? "" : "s"}`}>
          {mirrors.length === 0 ? (
            <EmptyState title="No mirrors yet">Add the HTTP server that holds your images below; boot scripts need at least one enabled mirror.</EmptyState>
          ) : (
            <table className="data-table">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Base URL</th>
                  <th>Status</th>
                  <th className="text-right">Weight</th>
                  <th>Site</th>
                  <th>Rack</th>
                </tr>
              </thead>
              <tbody>
                {mirrors.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link className="font-medium text-sky-700 hover:underline dark:text-sky-400" href={`/mirrors/${m.id}`}>
                        {m.name}
                      </Link>
                    </td>
                    <td className="font-mono">{m.baseUrl}</td>
                    <td>{m.enabled ? <Badge tone="green">enabled</Badge> : <Badge tone="gray">disabled</Badge>}</td>
                    <td className="text-right tabular-nums">{m.weight}</td>
                    <td>{m.site ?? "—"}</td>
                    <td>{m.rack ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>
        <WhenAllowed permission="administer">
        <Section title="Add a mirror">
          <div className="max-w-3xl">
            <MirrorForm action={createMirrorAction} submitLabel="Add mirror" />
          </div>
        </Section>
        </WhenAllowed>
      </div>
    </>
  );
}
