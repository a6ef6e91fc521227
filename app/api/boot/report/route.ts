import { answerReport, reportRequestFromWeb } from "@/lib/boot/report-handler";
import { handle, json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

// The console's own server answers this path before Next.js (lib/boot/report-handler.ts);
// this route serves the same answer when the app runs behind another server.
export const POST = handle(async (req) => {
  const reply = await answerReport(reportRequestFromWeb(req));
  return json(reply.body, { status: reply.status, headers: reply.headers });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods("POST");
