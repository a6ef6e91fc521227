import { bootRequestFromWeb, headNotAllowed, webResponse } from "@/lib/boot/reply";
import { serveBeacon } from "@/lib/boot/serve";
import { otherThanGetNoHead } from "@/lib/http/methods";

// Machine-facing: iPXE fetches this right before `boot` so the console sees the kernel start.
export const dynamic = "force-dynamic";

export async function GET(req: Request): Promise<Response> {
  return webResponse(await serveBeacon(bootRequestFromWeb(req)));
}

export function HEAD(): Response {
  return headNotAllowed();
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherThanGetNoHead();
