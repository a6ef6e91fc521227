import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { BootPreviewView } from "@/components/boot/boot-preview";
import { UnknownMacPreviewView } from "@/components/boot/unknown-mac-preview";
import { PageHeader } from "@/components/ui/page-header";
import { previewBoot, previewUnknownMac } from "@/lib/boot/preview";
import { decodeRef } from "@/lib/http/page-load";

export const dynamic = "force-dynamic";

// What a machine, or a MAC in any notation, boots if it asks now, and why. The title and
// the page share one preview per request, so they name the same thing: a machine by its
// hostname (even one that looks like a MAC), an unknown MAC in its normalised form.
const loadPreview = cache(async (segment: string) => {
  const ref = decodeRef(segment);
  const host = (await headers()).get("host");
  const preview = await previewBoot(ref, host);
  if (preview) return { preview, unknown: null };
  const unknown = await previewUnknownMac(ref, host);
  if (!unknown) notFound();
  return { preview: null, unknown };
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const { preview, unknown } = await loadPreview((await params).id);
  return { title: `What ${preview ? preview.plan.target.hostname : unknown.mac} boots` };
}

export default async function MachineBootPage({ params }: { params: Promise<{ id: string }> }) {
  const { preview, unknown } = await loadPreview((await params).id);
  if (!preview) {
    return (
      <>
        <PageHeader
          title={`What ${unknown.mac} boots`}
          subtitle={<Link href="/machines/unknown" className="hover:underline">← Unknown MACs</Link>}
        />
        <div className="space-y-8 p-6">
          <UnknownMacPreviewView preview={unknown} />
        </div>
      </>
    );
  }
  const { target } = preview.plan;
  return (
    <>
      <PageHeader
        title={`What ${target.hostname} boots`}
        subtitle={<Link href={`/machines/${target.hostname}`} className="hover:underline">← {target.hostname}</Link>}
      />
      <div className="space-y-8 p-6">
        <BootPreviewView preview={preview} />
      </div>
    </>
  );
}
