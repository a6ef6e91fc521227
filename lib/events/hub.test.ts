import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/testing/db";
import { EventHub, type StreamEvent } from "./hub";
import { eventStream } from "./sse";

const { url } = useTestDatabase();
const hubs: EventHub[] = [];
afterAll(async () => {
  await Promise.all(hubs.map((h) => h.stop()));
});

async function newHub() {
  const hub = new EventHub(url());
  hubs.push(hub);
  await hub.ready;
  return hub;
}

async function client() {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  return c;
}

async function insert(c: pg.Client, kind: string): Promise<bigint> {
  const { rows } = await c.query("INSERT INTO events (kind) VALUES ($1) RETURNING id::text", [kind]);
  return BigInt(rows[0].id);
}

function collect(hub: EventHub) {
  const got: StreamEvent[] = [];
  hub.subscribe((events) => got.push(...events));
  return got;
}

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("EventHub", () => {
  it("never skips an event whose id was taken before its transaction had an xid", async () => {
    // A BEFORE trigger runs after the row's id default and before the row is written,
    // which is when a transaction without writes gets its xid: the window in which a
    // statement holds an event id but no xid. The hub must still wait for it.
    const setup = await client();
    await setup.query(`
      CREATE FUNCTION test_slow_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.kind = 'test.no_xid_yet' THEN PERFORM pg_sleep(1.5); END IF; RETURN NEW; END $$;
      CREATE TRIGGER test_slow_event BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION test_slow_event();`);
    // nextval WAL-logs (and so assigns an xid) once per 32 values: take one now so that the
    // slow insert's value comes from the cached run and gets no xid from the sequence.
    await setup.query("SELECT nextval('events_id_seq')");
    try {
      const hub = await newHub();
      const got = collect(hub);
      const a = await client();
      const b = await client();
      const slow = insert(a, "test.no_xid_yet");
      await new Promise((r) => setTimeout(r, 300));
      const fast = await insert(b, "test.after_it");
      const first = await slow;
      expect(fast).toBeGreaterThan(first);
      await until(() => got.some((e) => e.kind === "test.after_it"), 8000);
      expect(got.filter((e) => e.id >= first).map((e) => e.kind)).toEqual(["test.no_xid_yet", "test.after_it"]);
      await a.end();
      await b.end();
    } finally {
      await setup.query("DROP TRIGGER test_slow_event ON events; DROP FUNCTION test_slow_event()");
      await setup.end();
    }
  });

  it("never skips an event whose transaction got its xid after every transaction that had ended", async () => {
    // A snapshot's xmax is one past the latest *completed* xid, not the next xid to be
    // assigned: a running transaction can have an xid above it. Here the later event's
    // transaction took its xid first, so once it commits, the earlier event's transaction
    // is the newest xid in the system and still running.
    const hub = await newHub();
    const got = collect(hub);
    const early = await client();
    const late = await client();
    await early.query("BEGIN");
    await early.query("SELECT pg_current_xact_id()");
    await late.query("BEGIN");
    const first = await insert(late, "test.xid_after");
    const second = await insert(early, "test.xid_before");
    expect(second).toBeGreaterThan(first);
    await early.query("COMMIT");
    await new Promise((r) => setTimeout(r, 500));
    expect(got.map((e) => e.kind)).not.toContain("test.xid_before");
    await late.query("COMMIT");
    await until(() => got.length >= 2);
    expect(got.map((e) => e.id)).toEqual([first, second]);
    await early.end();
    await late.end();
  });

  it("holds back an event whose lower-numbered predecessor has not committed yet", async () => {
    const hub = await newHub();
    const got = collect(hub);
    const a = await client();
    const b = await client();
    await a.query("BEGIN");
    const first = await insert(a, "test.slow");
    const second = await insert(b, "test.fast");
    expect(second).toBeGreaterThan(first);
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((e) => e.kind)).not.toContain("test.fast");
    await a.query("COMMIT");
    await until(() => got.length >= 2);
    expect(got.map((e) => e.id)).toEqual([first, second]);
    await a.end();
    await b.end();
  });

  it("passes a gap left by a rolled-back transaction", async () => {
    const hub = await newHub();
    const got = collect(hub);
    const a = await client();
    await a.query("BEGIN");
    await insert(a, "test.rolledback");
    await a.query("ROLLBACK");
    const kept = await insert(a, "test.kept");
    await until(() => got.some((e) => e.id === kept));
    expect(got.map((e) => e.kind)).toEqual(["test.kept"]);
    await a.end();
  });

  it("reaches every console instance on the database", async () => {
    const [one, two] = [await newHub(), await newHub()];
    const [g1, g2] = [collect(one), collect(two)];
    const c = await client();
    const id = await insert(c, "test.broadcast");
    await until(() => g1.some((e) => e.id === id) && g2.some((e) => e.id === id));
    await c.end();
  });
});

async function readFrames(stream: ReadableStream<Uint8Array>, want: number, abort: AbortController): Promise<bigint[]> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  const ids: bigint[] = [];
  let text = "";
  while (ids.length < want) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    let cut: number;
    while ((cut = text.indexOf("\n\n")) !== -1) {
      const frame = text.slice(0, cut);
      text = text.slice(cut + 2);
      const m = /^id: (\d+)$/m.exec(frame);
      if (m) ids.push(BigInt(m[1]));
    }
  }
  abort.abort();
  await reader.cancel().catch(() => undefined);
  return ids;
}

describe("event stream", () => {
  it("delivers a burst of 1,000 events exactly once, in order, across a reconnect with Last-Event-ID", async () => {
    const hub = await newHub();
    const start = hub.horizon;
    const c = await client();
    const writers = (async () => {
      for (let i = 0; i < 10; i++) {
        await c.query("INSERT INTO events (kind, payload) SELECT 'test.burst', jsonb_build_object('n', g) FROM generate_series(1, 100) g");
      }
    })();
    const firstAbort = new AbortController();
    const first = await readFrames(eventStream(hub, { kindPrefix: "test.burst" }, start, firstAbort.signal), 300, firstAbort);
    const resumeAbort = new AbortController();
    const rest = await readFrames(eventStream(hub, { kindPrefix: "test.burst" }, first[first.length - 1], resumeAbort.signal), 1000 - first.length, resumeAbort);
    await writers;
    const all = [...first, ...rest];
    expect(all).toHaveLength(1000);
    expect(new Set(all.map(String)).size).toBe(1000);
    expect([...all].sort((x, y) => (x < y ? -1 : 1))).toEqual(all);
    await c.end();
  });
});
