import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { buildDhcpConfig } from "./build";
import { previewDhcpConfig } from "./preview";

useTestDatabase();

beforeAll(async () => {
  const a = await db.subnet.create({ data: { name: "pv-a", cidr: "10.60.0.0/24", gateway: "10.60.0.1", poolStart: "10.60.0.100", poolEnd: "10.60.0.199" } });
  await db.machine.create({ data: { hostname: "pv-01", subnetId: a.id, ipv4: "10.60.0.11", interfaces: { create: [{ mac: "52:54:00:60:00:11" }] } } });
  await db.machine.create({ data: { hostname: "pv-no-ip", subnetId: a.id, interfaces: { create: [{ mac: "52:54:00:60:00:99" }] } } });
  await db.machine.create({ data: { hostname: "pv-no-boot-nic", subnetId: a.id, ipv4: "10.60.0.12", interfaces: { create: [{ mac: "52:54:00:60:00:12", isBoot: false }] } } });
});

afterEach(() => {
  delete process.env.FLEETBOOT_PUBLIC_URL;
});

describe("previewDhcpConfig", () => {
  it("is exactly what the API serves, with what a person needs to judge it", async () => {
    const preview = await previewDhcpConfig("kea", "console.test:3000");
    const served = await buildDhcpConfig("kea", { host: "console.test:3000" });
    expect(preview.result.ok).toBe(true);
    if (!preview.result.ok) return;
    expect(preview.result.text).toBe(served.text);
    expect(preview.result.etag).toBe(served.etag);
    expect(preview.result.lines).toBe(served.text.split("\n").length - (served.text.endsWith("\n") ? 1 : 0));
    expect(preview.result.bytes).toBe(Buffer.byteLength(served.text));
    expect(preview).toMatchObject({ subnets: 1, reservations: 1, withoutReservation: 2, chainUrl: "http://console.test:3000/api/boot/ipxe", chainFrom: "host" });
  });

  it("says where iPXE is sent from FLEETBOOT_PUBLIC_URL, and why it cannot be when that is https", async () => {
    process.env.FLEETBOOT_PUBLIC_URL = "http://10.60.0.5:3000";
    expect(await previewDhcpConfig("isc", "localhost:3000")).toMatchObject({ chainUrl: "http://10.60.0.5:3000/api/boot/ipxe", chainFrom: "setting" });
    process.env.FLEETBOOT_PUBLIC_URL = "https://console.example.net";
    const https = await previewDhcpConfig("isc", "localhost:3000");
    expect(https.chainUrl).toBeNull();
    expect(https.result).toMatchObject({ ok: false, problems: [] });
    if (!https.result.ok) expect(https.result.message).toContain("no HTTPS");
  });

  it("lists every problem instead of a config when the fleet cannot be rendered", async () => {
    const stray = await db.machine.create({ data: { hostname: "pv-stray", ipv4: "10.61.0.9", interfaces: { create: [{ mac: "52:54:00:61:00:09" }] } } });
    try {
      const preview = await previewDhcpConfig("dnsmasq", "console.test");
      expect(preview.result.ok).toBe(false);
      if (preview.result.ok) return;
      expect(preview.result.problems).toContainEqual({ where: "host pv-stray", message: "10.61.0.9 is in no declared subnet" });
      expect(preview.reservations).toBe(2);
    } finally {
      await db.machine.delete({ where: { id: stray.id } });
    }
  });
});
