import { readFile } from "node:fs/promises";
import path from "node:path";
import { otherMethods } from "@/lib/http/methods";

// The agent to bake into images (deploy/agent/), served so an image build can fetch it.
export async function GET() {
  const script = await readFile(path.join(process.cwd(), "deploy/agent/fleetboot-agent.sh"), "utf8");
  return new Response(script, { headers: { "content-type": "text/x-shellscript; charset=utf-8", "cache-control": "no-cache" } });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
