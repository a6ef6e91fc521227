import { requireActor } from "@/lib/auth/request";
import { fieldError } from "@/lib/http/errors";
import { handle } from "@/lib/http/respond";
import { dismissUnknownMac } from "@/lib/unknown-macs/mutations";
import { unknownMacRef } from "@/lib/unknown-macs/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ mac: string }> };

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "operate");
  // Route params arrive decoded; decoding again would throw on a literal "%".
  const mac = unknownMacRef.safeParse((await params).mac);
  if (!mac.success) throw fieldError("mac", `mac: ${mac.error.issues[0]?.message ?? "not a MAC address"}`);
  await dismissUnknownMac(mac.data, actor.name);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
