import { diffFields, recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { AppError, fieldError } from "@/lib/http/errors";
import { imageInclude, toImageDto } from "./dto";
import { getImageRowOrThrow } from "./queries";
import type { ImageCreateInput, ImageUpdateInput } from "./schema";

function nameTaken(name: string): AppError {
  return fieldError("name", `an image named ${name} already exists`, "conflict");
}

export async function createImage(input: ImageCreateInput, actor: string) {
  return db.$transaction(async (tx) => {
    if (await tx.image.findUnique({ where: { name: input.name }, select: { id: true } })) throw nameTaken(input.name);
    const image = await tx.image.create({ data: input, include: imageInclude });
    await recordAudit(tx, { actor, action: "image.create", targetType: "image", targetId: image.id, changes: input });
    return toImageDto(image);
  });
}

export async function updateImage(ref: string, input: ImageUpdateInput, actor: string) {
  const before = await getImageRowOrThrow(ref);
  return db.$transaction(async (tx) => {
    if (input.name && input.name !== before.name && (await tx.image.findUnique({ where: { name: input.name }, select: { id: true } }))) {
      throw nameTaken(input.name);
    }
    const image = await tx.image.update({ where: { id: before.id }, data: input, include: imageInclude });
    await recordAudit(tx, { actor, action: "image.update", targetType: "image", targetId: image.id, changes: diffFields(before, input) as never });
    return toImageDto(image);
  });
}

export async function deleteImage(ref: string, actor: string) {
  const image = await getImageRowOrThrow(ref);
  await db.$transaction(async (tx) => {
    // FOR UPDATE waits for, and then blocks, a version being added concurrently (its
    // insert takes FOR KEY SHARE on this row), so the check below stays true.
    await tx.$queryRaw`SELECT 1 FROM images WHERE id = ${image.id}::uuid FOR UPDATE`;
    const versions = await tx.imageVersion.findMany({ where: { imageId: image.id }, select: { version: true }, orderBy: { createdAt: "desc" } });
    if (versions.length > 0) {
      const list = versions.slice(0, 5).map((v) => v.version).join(", ") + (versions.length > 5 ? ", …" : "");
      throw new AppError(
        "conflict",
        `image ${image.name} still has ${versions.length} version${versions.length === 1 ? "" : "s"} (${list}); delete them first`,
        { versions: versions.map((v) => v.version) },
      );
    }
    await tx.image.delete({ where: { id: image.id } });
    await recordAudit(tx, { actor, action: "image.delete", targetType: "image", targetId: image.id, changes: { name: image.name } });
  });
  return image;
}
