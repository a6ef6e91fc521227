import { sourceAddress, sourceAllowed, takeRateToken } from "@/lib/auth/network";
import { reportIn, reportSchema } from "@/lib/boot/report";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { handle, json, readJson } from "@/lib/http/respond";

// Machine-facing: no user login. Limited by the allowed boot networks, a rate per source
// and the per-boot token in the body.
const BODY_LIMIT = 4096;

export const POST = handle(async (req) => {
  const source = sourceAddress(req);
  if (!sourceAllowed(source)) {
    await db.event.create({ data: { kind: "boot.source_refused", payload: { path: "/api/boot/report", sourceIp: source } } });
    throw new AppError("forbidden", "this network may not report to the console");
  }
  if (!takeRateToken(`report:${source ?? "?"}`)) return json({ error: { code: "rate_limited", message: "too many reports from this address; retry later" } }, { status: 429, headers: { "retry-after": "5" } });
  const input = await readJson(req, reportSchema, BODY_LIMIT);
  return json(await reportIn(input, source), { status: 202 });
});
