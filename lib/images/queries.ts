import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, fieldError } from "@/lib/http/errors";
import { isUuid, refWhere } from "@/lib/http/ref";
import { imageInclude, toImageDto, toVersionDto, versionInclude } from "./dto";
import { splitVersionRef } from "./schema";

type Client = Prisma.TransactionClient | typeof db;

export async function listImages() {
  const rows = await db.image.findMany({ include: imageInclude, orderBy: { name: "asc" } });
  return rows.map(toImageDto);
}

/** An image by id or name (names are stored lower-case). */
export async function getImageRowOrThrow(ref: string, client: Client = db) {
  const image = await client.image.findFirst({ where: refWhere(ref) });
  if (!image) throw new AppError("not_found", `no image "${ref}"`);
  return image;
}

export async function getImageOrThrow(ref: string) {
  const { id } = await getImageRowOrThrow(ref);
  return toImageDto(await db.image.findUniqueOrThrow({ where: { id }, include: imageInclude }));
}

function versionWhere(imageId: string, ref: string): Prisma.ImageVersionWhereInput {
  return { imageId, OR: isUuid(ref) ? [{ id: ref.toLowerCase() }, { version: ref }] : [{ version: ref }] };
}

/** A version by its label or id, within an image given by name or id. */
export async function getVersionRowOrThrow(imageRef: string, versionRef: string, client: Client = db) {
  const image = await getImageRowOrThrow(imageRef, client);
  const version = await client.imageVersion.findFirst({ where: versionWhere(image.id, versionRef) });
  if (!version) throw new AppError("not_found", `image ${image.name} has no version "${versionRef}"`);
  return { image, version };
}

export async function getVersionOrThrow(imageRef: string, versionRef: string) {
  const { version } = await getVersionRowOrThrow(imageRef, versionRef);
  return toVersionDto(await db.imageVersion.findUniqueOrThrow({ where: { id: version.id }, include: versionInclude }));
}

export async function listVersions(imageRef: string) {
  return (await getImageOrThrow(imageRef)).versions;
}

function unknownVersion(path: string, message: string): AppError {
  return fieldError(path, message);
}

/** The id of the version that "<image>:<version>" (or an id) names; a clear 400 when none does. */
export async function resolveVersionRef(client: Client, ref: string, path = "imageVersion"): Promise<string> {
  if (isUuid(ref)) {
    const byId = await client.imageVersion.findUnique({ where: { id: ref.toLowerCase() }, select: { id: true } });
    if (!byId) throw unknownVersion(path, `no image version with id ${ref}`);
    return byId.id;
  }
  const parts = splitVersionRef(ref);
  if (!parts) throw unknownVersion(path, `"${ref}" is not written "<image>:<version>"`);
  const image = await client.image.findUnique({
    where: { name: parts.image },
    select: { name: true, versions: { select: { id: true, version: true }, orderBy: [{ createdAt: "desc" }, { version: "desc" }] } },
  });
  if (!image) throw unknownVersion(path, `no image "${parts.image}" (in ${ref})`);
  const match = image.versions.find((v) => v.version === parts.version);
  if (match) return match.id;
  const known = image.versions.slice(0, 5).map((v) => v.version);
  const hint = known.length ? `; it has ${known.join(", ")}${image.versions.length > 5 ? ", …" : ""}` : "; it has no versions yet";
  throw unknownVersion(path, `image ${image.name} has no version "${parts.version}"${hint}`);
}

/** Every version, for a role's desired-version picker: grouped by image, newest first. */
export async function listVersionChoices() {
  const rows = await db.imageVersion.findMany({
    select: { id: true, version: true, status: true, image: { select: { name: true } } },
    orderBy: [{ image: { name: "asc" } }, { createdAt: "desc" }, { version: "desc" }],
  });
  return rows.map((v) => ({ id: v.id, ref: `${v.image.name}:${v.version}`, image: v.image.name, status: v.status }));
}
