import { admitBootRequest } from "@/lib/boot/gate";
import { reportIn, reportSchema } from "@/lib/boot/report";
import { sourceIpOf } from "@/lib/http/client-address";
import { AppError } from "@/lib/http/errors";
import { handle, json, readJson } from "@/lib/http/respond";

// Machine-facing: no user login. Limited by the allowed boot networks, a rate per source
// and the per-boot token in the body.
const BODY_LIMIT = 4096;

export const POST = handle(async (req) => {
  const source = sourceIpOf(req.headers);
  const refused = await admitBootRequest(source, "/api/boot/report", "report");
  if (refused === "network") throw new AppError("forbidden", "this network may not report to the console");
  if (refused === "rate") return json({ error: { code: "rate_limited", message: "too many reports from this address; retry later" } }, { status: 429, headers: { "retry-after": "5" } });
  const input = await readJson(req, reportSchema, BODY_LIMIT);
  return json(await reportIn(input, source), { status: 202 });
});
