import { beforeAll, describe, expect, it } from "vitest";
import { DELETE } from "@/app/api/unknown-macs/[mac]/route";
import { GET } from "@/app/api/unknown-macs/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";
import { subnetOfUnknownMacs } from "./queries";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "11".repeat(32);

const del = (mac: string) => DELETE(apiRequest(`/api/unknown-macs/${encodeURIComponent(mac)}`, { method: "DELETE" }), params({ mac }));
// Next.js hands route params over decoded: "%25" in the URL arrives as "%".

beforeAll(async () => {
  await db.unknownMac.create({ data: { mac: "52:54:00:fe:00:01", requestCount: 4, sourceIp: "10.20.3.251", arch: "x86_64", platform: "efi", lastSeenAt: new Date(Date.now() - 60_000) } });
  await db.unknownMac.create({ data: { mac: "52:54:00:fe:00:02", sourceIp: "10.20.3.252" } });
});

describe("/api/unknown-macs", () => {
  it("lists the inbox, most recently seen first, with request details", async () => {
    const res = await GET(apiRequest("/api/unknown-macs"), undefined);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { mac: string }) => i.mac)).toEqual(["52:54:00:fe:00:02", "52:54:00:fe:00:01"]);
    expect(body.items[1]).toMatchObject({ requestCount: 4, sourceIp: "10.20.3.251", arch: "x86_64", platform: "efi" });
  });

  it("dismisses a MAC given in any notation, once, and records who did", async () => {
    expect((await del("5254.00FE.0001")).status).toBe(204);
    expect(await db.unknownMac.count()).toBe(1);
    expect(await db.auditEntry.count({ where: { action: "unknown_mac.dismiss", targetId: "52:54:00:fe:00:01" } })).toBe(1);
    expect((await del("52:54:00:fe:00:01")).status).toBe(404);
    const bad = await del("52:54:00:fe:00:1");
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.message).toMatch(/^mac: .*one digit/);
    expect(error.details).toMatchObject({ field: "mac", fields: [{ path: "mac" }] });
    expect((await del("%")).status).toBe(400);
  });

  it("needs credentials to read and to dismiss", async () => {
    expect((await GET(apiRequest("/api/unknown-macs", { token: null }), undefined)).status).toBe(401);
    expect((await DELETE(apiRequest("/api/unknown-macs/x", { method: "DELETE", token: null }), params({ mac: "x" }))).status).toBe(401);
  });
});

describe("the subnet inbox MACs asked from", () => {
  it("is the one subnet holding every source address, else none", async () => {
    await db.subnet.create({ data: { name: "inbox-a", cidr: "10.61.0.0/24" } });
    await db.subnet.create({ data: { name: "inbox-b", cidr: "10.62.0.0/24" } });
    await db.unknownMac.createMany({
      data: [
        { mac: "52:54:00:61:00:01", sourceIp: "10.61.0.50" },
        { mac: "52:54:00:61:00:02", sourceIp: "10.61.0.51" },
        { mac: "52:54:00:62:00:01", sourceIp: "10.62.0.9" },
        { mac: "52:54:00:63:00:01", sourceIp: "10.63.0.9" },
      ],
    });
    expect(await subnetOfUnknownMacs(["52:54:00:61:00:01", "52:54:00:61:00:02"])).toBe("inbox-a");
    expect(await subnetOfUnknownMacs(["52:54:00:61:00:01", "52:54:00:62:00:01"])).toBeNull();
    expect(await subnetOfUnknownMacs(["52:54:00:63:00:01"])).toBeNull();
    expect(await subnetOfUnknownMacs([])).toBeNull();
  });
});
