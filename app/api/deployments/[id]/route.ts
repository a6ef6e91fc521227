import { z } from "zod";
import { requireReader } from "@/lib/auth/request";
import { getDeploymentOrThrow } from "@/lib/deploy/queries";
import { AppError } from "@/lib/http/errors";
import { handle, json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ id: string }> };

export const GET = handle<Ctx>(async (req, { params }) => {
  await requireReader(req);
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) throw new AppError("bad_request", "a deployment id is a UUID");
  return json(await getDeploymentOrThrow(id));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
