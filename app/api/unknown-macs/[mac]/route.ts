import { requireActor } from "@/lib/auth/request";
import { validationError } from "@/lib/http/errors";
import { handle } from "@/lib/http/respond";
import { dismissUnknownMac } from "@/lib/unknown-macs/mutations";
import { unknownMacRef } from "@/lib/unknown-macs/schema";
import { otherMethods } from "@/lib/http/methods";

type Ctx = { params: Promise<{ mac: string }> };

export const DELETE = handle<Ctx>(async (req, { params }) => {
  const actor = await requireActor(req, "operate");
  // Route params arrive decoded; decoding again would throw on a literal "%".
  const mac = unknownMacRef.safeParse((await params).mac);
  if (!mac.success) throw validationError(mac.error);
  await dismissUnknownMac(mac.data, actor.name);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods("DELETE");
