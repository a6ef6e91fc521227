import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BootPreviewView } from "@/components/boot/boot-preview";
import { PageHeader } from "@/components/ui/page-header";
import { previewBoot } from "@/lib/boot/preview";

export const dynamic = "force-dynamic";

export default async function MachineBootPage({ params }: { params: Promise<{ id: string }> }) {
  const ref = decodeURIComponent((await params).id);
  const preview = await previewBoot(ref, (await headers()).get("host"));
  if (!preview) notFound();
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
