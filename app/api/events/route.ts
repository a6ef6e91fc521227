import { z } from "zod";
import { requireReader } from "@/lib/auth/request";
import { getEventHub } from "@/lib/events/live";
import { resolveStreamFilter } from "@/lib/events/filter";
import { eventStream } from "@/lib/events/sse";
import { AppError } from "@/lib/http/errors";
import { handle, readQuery } from "@/lib/http/respond";
import { bigintId, isBigintId } from "@/lib/validation/fields";
import { otherMethods } from "@/lib/http/methods";

export const dynamic = "force-dynamic";

const query = z.object({
  machine: z.string().trim().max(100).optional(),
  role: z.string().trim().max(100).optional(),
  rollout: z.uuid({ error: "rollout must be a rollout id" }).optional(),
  kind: z.string().trim().max(64).regex(/^[a-z_.]*$/, "kind is a prefix like boot. or machine.created").optional(),
  lastEventId: bigintId("must be an event id").optional(),
});

export const GET = handle(async (req) => {
  await requireReader(req);
  const q = readQuery(req, query);
  const header = req.headers.get("last-event-id");
  if (header !== null && !isBigintId(header)) throw new AppError("validation_failed", "Last-Event-ID must be an event id", { fields: [{ path: "Last-Event-ID", message: "must be an event id" }] });
  const last = header ?? q.lastEventId;
  const { filter, stop } = await resolveStreamFilter(q);
  const body = eventStream(getEventHub(), filter, last ? BigInt(last) : null, req.signal, stop);
  return new Response(body, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods("GET");
