import { headers } from "next/headers";

/**
 * The actor recorded for changes made through the console's forms. The console has no
 * user accounts yet, so it records where the request came from.
 */
export async function consoleActor(): Promise<string> {
  const h = await headers();
  const from = h.get("x-forwarded-for")?.split(",")[0]?.trim() || h.get("x-real-ip") || "unknown";
  return `console (${from})`;
}
