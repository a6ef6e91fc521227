import type { EventHub, StreamEvent } from "./hub";

export interface StreamFilter {
  machineId?: string;
  rolloutId?: string;
  kindPrefix?: string;
  /** Only events of these machines (a role's members, kept current by the caller). */
  machineIds?: Set<string>;
}

const HEARTBEAT_MS = 15_000;
// A client this far behind is dropped; it reconnects with Last-Event-ID and replays.
const MAX_QUEUED = 5_000;

function matches(e: StreamEvent, f: StreamFilter): boolean {
  return (
    (!f.machineId || e.machineId === f.machineId) &&
    (!f.rolloutId || e.rolloutId === f.rolloutId) &&
    (!f.kindPrefix || e.kind.startsWith(f.kindPrefix)) &&
    (!f.machineIds || (e.machineId !== null && f.machineIds.has(e.machineId)))
  );
}

// One event reaches every open stream: it is formatted once, not once per client.
const frames = new WeakMap<StreamEvent, string>();

function frame(e: StreamEvent): string {
  let text = frames.get(e);
  if (text === undefined) {
    const data = JSON.stringify({ id: e.id.toString(), kind: e.kind, machineId: e.machineId, rolloutId: e.rolloutId, payload: e.payload, createdAt: e.createdAt });
    text = `id: ${e.id}\ndata: ${data}\n\n`;
    frames.set(e, text);
  }
  return text;
}

/**
 * An SSE body: first everything after `lastEventId` up to the hub's final horizon (from
 * the table), then live events, each exactly once and in id order.
 */
export function eventStream(hub: EventHub, filter: StreamFilter, lastEventId: bigint | null, signal?: AbortSignal, onClose?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const close = () => {
    unsubscribe();
    clearInterval(heartbeat);
    onClose?.();
  };
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let sent = 0n;
      let replaying = true;
      const buffered: StreamEvent[] = [];
      const send = (events: StreamEvent[]) => {
        const text = events.filter((e) => e.id > sent && matches(e, filter)).map(frame).join("");
        if (events.length) sent = events[events.length - 1].id > sent ? events[events.length - 1].id : sent;
        if (!text) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED) {
          close();
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(text));
      };
      try {
        await hub.ready;
        unsubscribe = hub.subscribe((events) => (replaying ? buffered.push(...events) : send(events)));
        controller.enqueue(encoder.encode("retry: 2000\n\n"));
        const horizon = hub.horizon;
        // An id past the newest event (a database restored or reset behind a browser that
        // keeps its last id) is taken as "from now": beyond it, nothing would ever be sent.
        sent = lastEventId !== null && lastEventId < horizon ? lastEventId : horizon;
        while (lastEventId !== null && sent < horizon) {
          const page = await hub.readRange(sent, horizon);
          if (!page.length) break;
          send(page);
        }
        sent = sent > horizon ? sent : horizon;
        replaying = false;
        send(buffered.splice(0));
        heartbeat = setInterval(() => controller.enqueue(encoder.encode(": keep-alive\n\n")), HEARTBEAT_MS);
        signal?.addEventListener("abort", () => {
          close();
          try {
            controller.close();
          } catch {
            // Already closed.
          }
        });
      } catch (err) {
        close();
        controller.error(err);
      }
    },
    cancel: close,
  });
}
