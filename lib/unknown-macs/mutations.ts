import { recordAudit } from "@/lib/audit/mutations";
import { db } from "@/lib/db";
import { AppError } from "@/lib/http/errors";

// Dismissing forgets a MAC until it asks to boot again (the boot endpoint then puts it
// back); registering one through the import removes it in the import's transaction.

export async function dismissUnknownMacs(macs: string[], actor: string): Promise<number> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.unknownMac.deleteMany({ where: { mac: { in: macs } } });
    if (count) await recordAudit(tx, { actor, action: "unknown_mac.dismiss", targetType: "unknown_mac", targetId: macs.length === 1 ? macs[0] : null, changes: { macs } });
    return count;
  });
}

export async function dismissUnknownMac(mac: string, actor: string): Promise<void> {
  if ((await dismissUnknownMacs([mac], actor)) === 0) throw new AppError("not_found", `${mac} is not in the unknown-MAC inbox`);
}
