"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { consoleActor } from "@/lib/auth/console";
import { runDeleteAction, runFormAction, type FormState } from "@/lib/forms/action";
import { createImage, deleteImage, updateImage } from "@/lib/images/mutations";
import { imageCreateSchema, imageUpdateSchema, versionCreateSchema, versionUpdateSchema } from "@/lib/images/schema";
import { createImageVersion, deleteImageVersion, updateImageVersion } from "@/lib/images/version-mutations";

// Roles show their desired version by image name and label, so changes here show there too.
function revalidateImages(imageId?: string) {
  revalidatePath("/images");
  if (imageId) revalidatePath(`/images/${imageId}`);
  revalidatePath("/roles", "layout");
}

export async function createImageAction(_prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, imageCreateSchema, async (input) => {
    const image = await createImage(input, await consoleActor("administer"));
    revalidateImages();
    redirect(`/images/${image.name}`);
  });
}

/** Bound to the image's id and current name; a rename moves the page to the new name. */
export async function updateImageAction(id: string, name: string, _prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, imageUpdateSchema, async (input) => {
    const image = await updateImage(id, input, await consoleActor("administer"));
    revalidateImages(id);
    if (image.name !== name) redirect(`/images/${image.name}`);
    return `Image ${image.name} saved.`;
  }, { emptyAs: null });
}

export async function deleteImageAction(id: string) {
  const failed = await runDeleteAction(async () => deleteImage(id, await consoleActor("administer")));
  if (failed) return failed;
  revalidateImages();
  redirect("/images");
}

export async function createVersionAction(imageId: string, _prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, versionCreateSchema, async (input) => {
    const version = await createImageVersion(imageId, input, await consoleActor("administer"));
    revalidateImages(imageId);
    return `Version ${version.ref} added.`;
  });
}

export async function updateVersionAction(imageId: string, versionId: string, _prev: FormState, fd: FormData): Promise<FormState> {
  return runFormAction(fd, versionUpdateSchema, async (input) => {
    const version = await updateImageVersion(imageId, versionId, input, await consoleActor("administer"));
    revalidateImages(imageId);
    return `Version ${version.ref} saved.`;
  }, { emptyAs: null });
}

export async function deleteVersionAction(imageId: string, versionId: string) {
  const failed = await runDeleteAction(async () => deleteImageVersion(imageId, versionId, await consoleActor("administer")));
  if (failed) return failed;
  revalidateImages(imageId);
}
