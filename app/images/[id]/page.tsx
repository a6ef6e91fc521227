import { EditableBy } from "@/components/auth/read-only";
import { WhenAllowed } from "@/components/auth/when-allowed";
import { consoleCan } from "@/lib/auth/console";
import Link from "next/link";
import { ImageForm } from "@/components/images/image-form";
import { VersionForm } from "@/components/images/version-form";
import { VersionTable } from "@/components/images/version-table";
import { DeleteButton } from "@/components/ui/delete-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { TimeAgo } from "@/components/ui/time-ago";
import { getImageOrThrow } from "@/lib/images/queries";
import { pageLoader } from "@/lib/http/page-load";
import { createVersionAction, deleteImageAction, deleteVersionAction, updateImageAction, updateVersionAction } from "../actions";

const loadImage = pageLoader(getImageOrThrow);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const image = await loadImage((await params).id);
  return { title: `Image ${image.name}` };
}

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const image = await loadImage(id);
  // Only admins change versions: for others the table has no Edit buttons.
  const canEdit = await consoleCan("administer");
  const actions = Object.fromEntries(
    (canEdit ? image.versions : []).map((v) => [
      v.id,
      { update: updateVersionAction.bind(null, image.id, v.id), remove: deleteVersionAction.bind(null, image.id, v.id) },
    ]),
  );
  return (
    <>
      <PageHeader
        title={`Image ${image.name}`}
        subtitle={<Link href="/images" className="hover:underline">← All images</Link>}
        actions={<WhenAllowed permission="administer"><DeleteButton action={deleteImageAction.bind(null, image.id)} what={`image ${image.name}`} /></WhenAllowed>}
      />
      <div className="space-y-8 p-6">
        <Section title={`${image.versions.length} version${image.versions.length === 1 ? "" : "s"}`}>
          {image.versions.length === 0 ? (
            <EmptyState title="No versions yet">
              Copy a kernel, initrd and squashfs onto your mirrors and add them below; then pick the version as a role&apos;s desired version.
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <VersionTable versions={image.versions.map((v) => ({ ...v, added: <TimeAgo date={v.createdAt} /> }))} actions={actions} />
            </div>
          )}
        </Section>
        <section id="add-version" className="max-w-5xl space-y-3">
          <h2 className="text-sm font-semibold text-zinc-700 dark:text-zinc-300">Add a version</h2>
          <EditableBy permission="administer" what="add image versions">
            <VersionForm action={createVersionAction.bind(null, image.id)} example={`${image.name}/<version>`} submitLabel="Add version" />
          </EditableBy>
        </section>
        <Section title="Image">
          <div className="max-w-3xl">
            <EditableBy permission="administer" what="change images">
              <ImageForm action={updateImageAction.bind(null, image.id, image.name)} image={image} submitLabel="Save image" />
            </EditableBy>
          </div>
        </Section>
      </div>
    </>
  );
}
