import { auditQuery, listAudit } from "@/lib/audit/queries";
import { requireActor } from "@/lib/auth/request";
import { handle, json, readQuery } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await listAudit(readQuery(req, auditQuery)));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
