import { WhenAllowed } from "@/components/auth/when-allowed";
import Link from "next/link";
import { ImageForm } from "@/components/images/image-form";
import { ImageTable } from "@/components/images/image-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listImages } from "@/lib/images/queries";
import { createImageAction } from "./actions";

export const metadata = { title: "Images" };

export default async function ImagesPage() {
  const images = await listImages();
  const versions = images.reduce((n, i) => n + i.versions.length, 0);
  return (
    <>
      <PageHeader
        title="Images"
        subtitle="Live-boot images and their versions: a kernel, an initrd and a squashfs on the mirrors. A role's desired version is what its machines boot."
      />
      <div className="space-y-8 p-6">
        <Section title={`${images.length} image${images.length === 1 ? "" : "s"}, ${versions} version${versions === 1 ? "" : "s"}`}>
          {images.length === 0 ? (
            <EmptyState title="No images yet">
              Create an image below, then add a version whose files are on your{" "}
              <Link href="/mirrors" className="text-sky-700 hover:underline dark:text-sky-400">mirrors</Link> and pick it as a role&apos;s desired version.
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <ImageTable images={images} />
            </div>
          )}
        </Section>
        <WhenAllowed permission="administer">
        <Section title="New image">
          <div className="max-w-3xl">
            <ImageForm action={createImageAction} submitLabel="Create image" />
            <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">You add its versions on the next page.</p>
          </div>
        </Section>
        </WhenAllowed>
      </div>
    </>
  );
}
