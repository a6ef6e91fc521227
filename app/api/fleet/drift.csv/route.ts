import { requireReader } from "@/lib/auth/request";
import { driftCsvName, streamDriftCsv } from "@/lib/fleet/drift-export";
import { driftFilter } from "@/lib/fleet/schema";
import { handle, readQuery } from "@/lib/http/respond";
import { resolveRoleFilter } from "@/lib/roles/queries";
import { otherMethods } from "@/lib/http/methods";

// The Drift page's own download link is a plain same-origin GET, hence requireReader.
export const GET = handle(async (req) => {
  await requireReader(req);
  const query = readQuery(req, driftFilter);
  const filter = { ...query, role: await resolveRoleFilter(query.role) };
  return new Response(streamDriftCsv(filter), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${driftCsvName(filter)}"`,
      "cache-control": "no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
