import { bootRequestFromWeb, headNotAllowed, webResponse } from "@/lib/boot/reply";
import { serveIpxe } from "@/lib/boot/serve";
import { otherThanGetNoHead } from "@/lib/http/methods";

// Machine-facing: no login (machines have none); every answer is a text/plain iPXE script.
export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  return webResponse(await serveIpxe(bootRequestFromWeb(req)));
}

export function HEAD(): Response {
  return headNotAllowed();
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherThanGetNoHead();
