import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/machines/route";
import { GET, PATCH } from "@/app/api/machines/[id]/route";
import { db } from "@/lib/db";
import { powerTargetFor } from "@/lib/power/credentials";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "77".repeat(32);

const bmc = { type: "redfish", address: "10.9.0.5", username: "admin", password: "pw-123456" };

describe("TLS of a machine's Redfish BMC", () => {
  it("is stored per machine, shown, changed, and used by the power driver", async () => {
    const res = await POST(apiRequest("/api/machines", { method: "POST", body: { hostname: "tls-1", macs: ["52:54:00:71:00:01"], bmc: { ...bmc, tls: "insecure" } } }), undefined);
    expect(res.status).toBe(201);
    const shown = await (await GET(apiRequest("/api/machines/tls-1"), params({ id: "tls-1" }))).json();
    expect(shown.bmc).toMatchObject({ type: "redfish", tls: "insecure", hasPassword: true });
    expect(powerTargetFor(await db.machine.findUniqueOrThrow({ where: { hostname: "tls-1" } })).tls).toBe("insecure");

    // Left out: the default, which verifies certificates except on loopback.
    await PATCH(apiRequest("/api/machines/tls-1", { method: "PATCH", body: { bmc } }), params({ id: "tls-1" }));
    expect(powerTargetFor(await db.machine.findUniqueOrThrow({ where: { hostname: "tls-1" } })).tls).toBe("verify");
    await PATCH(apiRequest("/api/machines/tls-1", { method: "PATCH", body: { bmc: { ...bmc, address: "127.0.0.1" } } }), params({ id: "tls-1" }));
    expect(powerTargetFor(await db.machine.findUniqueOrThrow({ where: { hostname: "tls-1" } })).tls).toBe("plain");
  });

  it("refuses an unknown mode with the field named", async () => {
    const res = await POST(apiRequest("/api/machines", { method: "POST", body: { hostname: "tls-2", macs: ["52:54:00:71:00:02"], bmc: { ...bmc, tls: "sometimes" } } }), undefined);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.details.fields).toContainEqual({ path: "bmc.tls", message: "BMC tls must be verify, insecure or plain" });
    expect(await db.machine.count({ where: { hostname: "tls-2" } })).toBe(0);
  });
});
