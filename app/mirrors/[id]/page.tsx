import { EditableBy } from "@/components/auth/read-only";
import { WhenAllowed } from "@/components/auth/when-allowed";
import Link from "next/link";
import { MirrorForm } from "@/components/mirrors/mirror-form";
import { DeleteButton } from "@/components/ui/delete-button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { getMirrorOrThrow } from "@/lib/mirrors/queries";
import { pageLoader } from "@/lib/http/page-load";
import { deleteMirrorAction, updateMirrorAction } from "../actions";

const loadMirror = pageLoader(getMirrorOrThrow);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const mirror = await loadMirror((await params).id);
  return { title: `Mirror ${mirror.name}` };
}

export default async function MirrorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const mirror = await loadMirror(id);
  return (
    <>
      <PageHeader
        title={`Mirror ${mirror.name}`}
        subtitle={<Link href="/mirrors" className="hover:underline">← All mirrors</Link>}
        actions={<WhenAllowed permission="administer"><DeleteButton action={deleteMirrorAction.bind(null, mirror.id)} what={`mirror ${mirror.name}`} /></WhenAllowed>}
      />
      <div className="max-w-3xl p-6">
        <Section title="Settings">
          <EditableBy permission="administer" what="change mirrors">
            <MirrorForm action={updateMirrorAction.bind(null, mirror.id)} mirror={mirror} submitLabel="Save changes" />
          </EditableBy>
        </Section>
      </div>
    </>
  );
}
