import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";
import { isUuid } from "@/lib/http/ref";

/** The whole machine row: the BMC fields a driver needs, whatever columns the schema grows. */
export async function getPowerMachineOrThrow(ref: string) {
  const machine = await db.machine.findFirst({ where: isUuid(ref) ? { id: ref.toLowerCase() } : { hostname: ref.toLowerCase() } });
  if (!machine) throw new AppError("not_found", `no machine "${ref}"`);
  return machine;
}
