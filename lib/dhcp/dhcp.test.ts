import { beforeAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/dhcp/[format]/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";
import { checkDhcpConfig } from "./check";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "11".repeat(32);

const get = (format: string, init: { token?: string | null; headers?: Record<string, string>; query?: string } = {}) =>
  GET(apiRequest(`/api/dhcp/${format}${init.query ?? ""}`, { token: init.token, headers: init.headers }), params({ format }));

beforeAll(async () => {
  const a = await db.subnet.create({ data: { name: "prod-a", cidr: "10.30.0.0/24", gateway: "10.30.0.1", dns: ["10.30.0.2"], domain: "a.example.net", poolStart: "10.30.0.100", poolEnd: "10.30.0.199", nextServer: "10.30.0.10" } });
  const b = await db.subnet.create({ data: { name: "prod-b", cidr: "10.31.0.0/23", gateway: "10.31.0.1" } });
  await db.machine.create({ data: { hostname: "stor-01", subnetId: a.id, ipv4: "10.30.0.11", interfaces: { create: [{ mac: "52:54:00:30:00:11" }, { mac: "52:54:00:30:00:12", isBoot: false }] } } });
  await db.machine.create({ data: { hostname: "c2-r1-03", subnetId: b.id, ipv4: "10.31.1.3", interfaces: { create: [{ mac: "52:54:00:31:01:03" }, { mac: "52:54:00:31:01:04" }] } } });
  await db.machine.create({ data: { hostname: "no-ip-01", subnetId: a.id, interfaces: { create: [{ mac: "52:54:00:30:00:99" }] } } });
});

describe("GET /api/dhcp/:format", () => {
  it("needs a bearer token", async () => {
    const res = await get("isc", { token: null });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it.each(["isc", "kea", "dnsmasq"])("renders %s from the database, which its checker accepts", async (format) => {
    const res = await get(format);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("52:54:00:30:00:11");
    expect(text).toContain("52:54:00:31:01:04");
    expect(text).not.toContain("52:54:00:30:00:12"); // not a boot interface
    expect(text).not.toContain("52:54:00:30:00:99"); // no address: it gets one from the pool
    expect(text).toContain("http://console.test/api/boot/ipxe");
    const result = await checkDhcpConfig(format as "isc", text);
    expect(result.ok, `${result.command}\n${result.output}`).toBe(true);
  });

  it("answers 304 to a matching If-None-Match, and a new ETag once the fleet changes", async () => {
    const first = await get("kea");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers.get("content-type")).toBe("application/json");
    const again = await get("kea", { headers: { "if-none-match": `W/"nope", ${etag}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    await db.machine.update({ where: { hostname: "stor-01" }, data: { ipv4: "10.30.0.12" } });
    const changed = await get("kea", { headers: { "if-none-match": etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("takes Kea's interfaces and the console URL from the query", async () => {
    const text = await (await get("kea", { query: "?interfaces=lo,eth1&console=http://10.30.0.5:3000" })).text();
    expect(JSON.parse(text).Dhcp4["interfaces-config"].interfaces).toEqual(["lo", "eth1"]);
    expect(text).toContain('"boot-file-name": "http://10.30.0.5:3000/api/boot/ipxe"');
    expect((await get("kea", { query: "?interfaces=eth0%22" })).status).toBe(400);
  });

  it("refuses with 422 and every problem when a machine's address is in no subnet", async () => {
    await db.machine.create({ data: { hostname: "stray-01", ipv4: "10.99.0.5", interfaces: { create: [{ mac: "52:54:00:99:00:05" }] } } });
    try {
      const res = await get("isc");
      expect(res.status).toBe(422);
      const body = await res.json();
      expect(body.error.details.problems).toEqual([{ where: "host stray-01", message: "10.99.0.5 is in no declared subnet" }]);
    } finally {
      await db.machine.delete({ where: { hostname: "stray-01" } });
    }
  });

  it("404s an unknown format", async () => {
    expect((await get("bind")).status).toBe(404);
  });
});
