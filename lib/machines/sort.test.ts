import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/machines/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import { MACHINE_SORT_KEYS } from "./schema";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const get = (qs: string) => GET(apiRequest(`/api/machines?${qs}`), undefined);

interface Row {
  hostname: string;
  state: string;
  role: string | null;
  bootedVersion: string | null;
  ipv4: string | null;
  rack: string | null;
  lastSeenAt: string | null;
}

/** Every machine in `sort` order, read a few at a time through the cursor. */
async function pageThrough(sort: string, limit: number, filter = ""): Promise<string[]> {
  const seen: string[] = [];
  let cursor = "";
  for (let i = 0; i < 50; i++) {
    const res = await get(`sort=${sort}&limit=${limit}${filter}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { items: Row[]; nextCursor: string | null };
    seen.push(...page.items.map((m) => m.hostname));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error("the cursor never ended");
}

const ipNumber = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
const STATE_ORDER = ["new", "booting", "deploying", "ready", "failed", "rebooting"];

/** The order the API must give, computed here from the rows themselves: keyless rows last. */
function expected(rows: Row[], key: (typeof MACHINE_SORT_KEYS)[number], desc: boolean): string[] {
  const value = (r: Row): string | number | null => {
    switch (key) {
      case "hostname": return r.hostname;
      case "state": return STATE_ORDER.indexOf(r.state);
      case "role": return r.role;
      case "version": return r.bootedVersion === null ? null : r.bootedVersion.split(":").reverse().join(" ");
      case "ipv4": return r.ipv4 === null ? null : ipNumber(r.ipv4);
      case "rack": return r.rack;
      case "lastSeen": return r.lastSeenAt === null ? null : Date.parse(r.lastSeenAt);
    }
  };
  const natural = new Intl.Collator("en", { numeric: true }).compare;
  const cmp = (a: string | number, b: string | number) => (typeof a === "string" && typeof b === "string" && key === "version" ? natural(a, b) : a < b ? -1 : a > b ? 1 : 0);
  return [...rows]
    .sort((a, b) => {
      const [va, vb] = [value(a), value(b)];
      if (va === null || vb === null) return va === vb ? cmp(a.hostname, b.hostname) * (desc ? -1 : 1) : va === null ? 1 : -1;
      return (cmp(va, vb) || cmp(a.hostname, b.hostname)) * (desc ? -1 : 1);
    })
    .map((r) => r.hostname);
}

describe("machine list order", () => {
  let all: Row[] = [];
  beforeAll(async () => {
    const image = await db.image.create({ data: { name: "deb" } });
    // 1.9 before 1.10: versions in the order people read them, not the alphabet's.
    const [v1, v2] = await Promise.all(["1.10", "1.9"].map((version) => db.imageVersion.create({ data: { imageId: image.id, version, kernelPath: "k", initrdPath: "i", squashfsPath: "s.squashfs" } })));
    const [alpha, beta] = await Promise.all(["alpha", "beta"].map((name) => db.role.create({ data: { name } })));
    const states = ["ready", "new", "failed", "booting", "ready", "deploying", "rebooting", "ready", "new", "failed", "ready", "new"] as const;
    // Ties on every key (same role, rack, state, version, last seen) and keyless rows, so the
    // hostname tie-break and the "keyless last" rule are both exercised across page edges.
    const seen = new Date("2026-11-01T10:00:00.123Z").getTime();
    for (let i = 0; i < states.length; i++) {
      await db.machine.create({
        data: {
          hostname: `sort-${String((i * 7) % 12).padStart(2, "0")}`,
          state: states[i],
          roleId: i % 3 === 0 ? null : i % 3 === 1 ? alpha.id : beta.id,
          bootedVersionId: i % 4 === 0 ? null : i % 2 ? v1.id : v2.id,
          ipv4: i % 5 === 0 ? null : `10.0.${i % 2 ? 10 : 9}.${i * 20}`,
          rack: i % 4 === 1 ? null : `r${i % 3}`,
          lastSeenAt: i % 3 === 2 ? null : new Date(seen + (i % 4) * 1_000_000),
        },
      });
    }
    const res = await get("limit=500");
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    all = (body as { items: Row[] }).items;
    expect(all).toHaveLength(states.length);
  });

  it.each(MACHINE_SORT_KEYS.flatMap((key) => [[key, false], [key, true]] as const))("%s (descending: %s) pages through every machine once, in order", async (key, desc) => {
    const want = expected(all, key, desc);
    const sort = `${key}&dir=${desc ? "desc" : "asc"}`;
    expect(await pageThrough(sort, 500)).toEqual(want);
    // Pages of 1, 2 and 5 cut the order at every place, ties and keyless rows included.
    for (const limit of [1, 2, 5]) expect(await pageThrough(sort, limit), `limit ${limit}`).toEqual(want);
  });

  it("orders versions as people read them: 1.9 before 1.10", async () => {
    const versions = (await pageThrough("version", 4)).map((h) => all.find((m) => m.hostname === h)!.bootedVersion);
    expect(versions.indexOf("deb:1.9")).toBeLessThan(versions.indexOf("deb:1.10"));
    expect(versions.lastIndexOf("deb:1.9")).toBeLessThan(versions.indexOf("deb:1.10"));
  });

  it("orders within a filter, and IP addresses as numbers, not text", async () => {
    const byIp = await pageThrough("ipv4", 3, "&role=alpha");
    const ips = byIp.map((h) => all.find((m) => m.hostname === h)!.ipv4).filter((ip): ip is string => ip !== null);
    expect(ips).toEqual([...ips].sort((a, b) => ipNumber(a) - ipNumber(b)));
    // 10.0.9.x before 10.0.10.x, which text order would reverse.
    expect(ips.findIndex((ip) => ip.startsWith("10.0.9."))).toBeLessThan(ips.findIndex((ip) => ip.startsWith("10.0.10.")));
  });

  it("keeps the hostname cursor it always handed out", async () => {
    const res = await get(`cursor=${Buffer.from("sort-05").toString("base64url")}&limit=500`);
    expect(((await res.json()) as { items: Row[] }).items.map((m) => m.hostname)).toEqual(all.map((m) => m.hostname).filter((h) => h > "sort-05"));
  });

  it("refuses an unknown order, and a cursor from another order or made up, by name", async () => {
    const bad = await get("sort=speed");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("sort must be one of hostname, state");
    const badDir = await get("sort=rack&dir=down");
    expect(badDir.status).toBe(400);
    expect(JSON.stringify(await badDir.json())).toContain("dir must be asc or desc");
    const first = (await (await get("sort=rack&dir=desc&limit=2")).json()) as { nextCursor: string };
    for (const [qs, message] of [
      [`sort=rack&cursor=${first.nextCursor}`, "another sort order"],
      [`cursor=${first.nextCursor}`, "another sort order"],
      [`sort=rack&cursor=${Buffer.from("sort-03").toString("base64url")}`, "another sort order"],
      [`sort=ipv4&cursor=${Buffer.from(JSON.stringify({ s: "ipv4:asc", k: "10.0.0.999", h: "sort-01" })).toString("base64url")}`, "not one this API handed out"],
      [`sort=state&cursor=${Buffer.from(JSON.stringify({ s: "state:asc", k: "sleeping", h: "sort-01" })).toString("base64url")}`, "not one this API handed out"],
      [`sort=lastSeen&cursor=${Buffer.from(JSON.stringify({ s: "lastSeen:asc", k: "yesterday", h: "sort-01" })).toString("base64url")}`, "not one this API handed out"],
      [`sort=role&cursor=${Buffer.from(JSON.stringify({ s: "role:asc", k: "x", h: "Robert'); DROP" })).toString("base64url")}`, "not one this API handed out"],
      // Shaped like a time, but no such time: PostgreSQL would refuse it with a 500.
      [`sort=lastSeen&cursor=${Buffer.from(JSON.stringify({ s: "lastSeen:asc", k: "2026-02-30 00:00:00", h: "sort-01" })).toString("base64url")}`, "not one this API handed out"],
      [`sort=lastSeen&cursor=${Buffer.from(JSON.stringify({ s: "lastSeen:asc", k: "2026-12-06 99:00:00", h: "sort-01" })).toString("base64url")}`, "not one this API handed out"],
      [`sort=rack&cursor=${Buffer.from(JSON.stringify({ s: "rack:asc", k: "r\u0000", h: "sort-01" })).toString("base64url")}`, "not one this API handed out"],
      // Hostname order both ways: a cursor is only taken by its own direction.
      [`dir=desc&cursor=${Buffer.from("sort-03").toString("base64url")}`, "another sort order"],
      [`cursor=${((await (await get("dir=desc&limit=2")).json()) as { nextCursor: string }).nextCursor}`, "another sort order"],
    ]) {
      const res = await get(qs);
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { error: { message: string; details?: { field?: string } } };
      expect(body.error.message, qs).toContain(message);
      expect(body.error.details?.field).toBe("cursor");
    }
  });
});
