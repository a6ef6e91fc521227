import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BootPreviewView } from "@/components/boot/boot-preview";
import { UnknownMacPreviewView } from "@/components/boot/unknown-mac-preview";
import { PageHeader } from "@/components/ui/page-header";
import { previewBoot, previewUnknownMac } from "@/lib/boot/preview";
import { decodeRef } from "@/lib/http/page-load";
import { normaliseMac } from "@/lib/mac/parse";

export const dynamic = "force-dynamic";

// What a machine, or a MAC in any notation, boots if it asks now, and why.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  // A MAC in any notation is named as the page names it.
  const ref = decodeRef((await params).id);
  return { title: `What ${normaliseMac(ref) ?? ref} boots` };
}

export default async function MachineBootPage({ params }: { params: Promise<{ id: string }> }) {
  const ref = decodeRef((await params).id);
  const host = (await headers()).get("host");
  const preview = await previewBoot(ref, host);
  if (!preview) {
    const unknown = await previewUnknownMac(ref, host);
    if (!unknown) notFound();
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
