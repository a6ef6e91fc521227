import { checkDatabase } from "@/lib/health/queries";
import { json } from "@/lib/http/respond";

export async function GET() {
  const database = await checkDatabase();
  return json({ status: database.ok ? "ok" : "degraded", database }, { status: database.ok ? 200 : 503 });
}
