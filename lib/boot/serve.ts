import { repeatedParam } from "@/lib/http/query";
import { consoleMetrics, type BootOutcome } from "@/lib/metrics/registry";
import { answerScriptRequest } from "./answer";
import { consoleUrl } from "./console-url";
import { admitBootRequest } from "./gate";
import { recordBeacon } from "./mutations";
import { renderChainScript, renderErrorScript } from "./render-hold";
import type { BootHttpRequest, TextReply } from "./reply";
import { beaconQuerySchema, bootQuerySchema } from "./schema";

const ok = (body: string): TextReply => ({ status: 200, body });

/** A refusal is still an iPXE script: an HTML page would hang the machine. */
async function gate(req: BootHttpRequest, path: string): Promise<TextReply | null> {
  const refused = await admitBootRequest(req.sourceIp, path, "script");
  if (refused === "network") return { status: 403, body: renderErrorScript("this network may not boot from the console", 60) };
  if (refused === "rate") return { status: 429, body: renderErrorScript("too many requests from this address; waiting", 10) };
  return null;
}

/** GET /api/boot/ipxe[?mac=…]: always an iPXE script, whatever goes wrong. */
export async function serveIpxe(req: BootHttpRequest): Promise<TextReply> {
  const [reply, outcome] = await ipxeReply(req);
  // Per-MAC answers are counted by their batch (lib/boot/answer.ts), the rest here.
  if (outcome) consoleMetrics().bootScripts.inc({ outcome });
  return reply;
}

async function ipxeReply(req: BootHttpRequest): Promise<[TextReply, BootOutcome | null]> {
  const refused = await gate(req, "/api/boot/ipxe");
  if (refused) return [refused, "refused"];
  const console_ = consoleUrl(req.host);
  if (!console_.ok) return [{ status: 500, body: renderErrorScript(console_.reason) }, "error"];
  const params = new URL(req.url, "http://boot.invalid").searchParams;
  if (!params.has("mac")) return [ok(renderChainScript(console_.url)), "chain"];
  const twice = repeatedParam(params);
  if (twice !== null) return [{ status: 400, body: renderErrorScript(`bad request: ${twice} is given more than once`) }, "invalid"];
  const parsed = bootQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? "malformed request";
    return [{ status: 400, body: renderErrorScript(`bad MAC address: ${reason}`) }, "invalid"];
  }
  try {
    return [ok(await answerScriptRequest({ query: parsed.data, req, consoleUrl: console_.url })), null];
  } catch (err) {
    console.error("[fleetboot] boot script failed:", err);
    return [{ status: 503, body: renderErrorScript("the console could not build a boot script (database unavailable?)") }, "error"];
  }
}

/** GET /api/boot/beacon: iPXE fetches it as an image and frees it; the body is an empty script. */
export async function serveBeacon(req: BootHttpRequest): Promise<TextReply> {
  const refused = await gate(req, "/api/boot/beacon");
  if (refused) return refused;
  const params = new URL(req.url, "http://boot.invalid").searchParams;
  const twice = repeatedParam(params);
  if (twice !== null) return { status: 400, body: renderErrorScript(`bad beacon: ${twice} is given more than once`) };
  const parsed = beaconQuerySchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) return { status: 400, body: renderErrorScript(`bad beacon: ${parsed.error.issues[0]?.message ?? "malformed"}`) };
  try {
    await recordBeacon(parsed.data, req.sourceIp);
  } catch (err) {
    console.error("[fleetboot] boot beacon failed:", err);
    return { status: 503, body: "#!ipxe\n" };
  }
  return ok("#!ipxe\n");
}
