import { requireActor } from "@/lib/auth/request";
import { handle, json, readJson } from "@/lib/http/respond";
import { listVersions } from "@/lib/images/queries";
import { versionCreateSchema } from "@/lib/images/schema";
import { createImageVersion } from "@/lib/images/version-mutations";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireActor(req, "read");
  return json({ items: await listVersions((await params).id) });
});

export const POST = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "administer");
  const input = await readJson(req, versionCreateSchema);
  return json(await createImageVersion((await params).id, input, actor.name), { status: 201 });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET", "POST");
