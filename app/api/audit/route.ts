import { auditQuery, listAudit } from "@/lib/audit/queries";
import { requireActor } from "@/lib/auth/request";
import { handle, json, readQuery } from "@/lib/http/respond";

export const GET = handle(async (req) => {
  await requireActor(req, "read");
  return json(await listAudit(readQuery(req, auditQuery)));
});
