import { checkDatabase } from "@/lib/health/queries";
import { json } from "@/lib/http/respond";
import { otherMethods } from "@/lib/http/methods";

export async function GET() {
  const database = await checkDatabase();
  return json({ status: database.ok ? "ok" : "degraded", database }, { status: database.ok ? 200 : 503 });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
