import { requireActor } from "@/lib/auth/request";
import { handle, json, readQuery } from "@/lib/http/respond";
import { listUnknownMacs } from "@/lib/unknown-macs/queries";
import { unknownMacListQuery } from "@/lib/unknown-macs/schema";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await listUnknownMacs(readQuery(req, unknownMacListQuery)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
