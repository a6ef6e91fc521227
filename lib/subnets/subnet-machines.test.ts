import { describe, expect, it } from "vitest";
import { GET as getSubnet, PATCH, DELETE } from "@/app/api/subnets/[id]/route";
import { POST } from "@/app/api/subnets/route";
import { db } from "@/lib/db";
import { apiRequest, params, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

async function subnetWithMachines(name: string, cidr: string, ips: (string | null)[]) {
  const res = await POST(apiRequest("/api/subnets", { method: "POST", body: { name, cidr, poolStart: cidr.replace(/0\/\d+$/, "10"), poolEnd: cidr.replace(/0\/\d+$/, "20") } }), undefined);
  const subnet = await res.json();
  for (const [i, ipv4] of ips.entries()) {
    await db.machine.create({ data: { hostname: `${name}-${String(i + 1).padStart(2, "0")}`, subnetId: subnet.id, ipv4 } });
  }
  return subnet;
}

describe("subnets that hold machines", () => {
  it("refuses a CIDR that would leave a machine outside, naming it, and changes nothing", async () => {
    await subnetWithMachines("shrink", "10.60.0.0/23", ["10.60.0.15", "10.60.1.7", "10.60.1.9"]);
    const res = await PATCH(apiRequest("/api/subnets/shrink", { method: "PATCH", body: { cidr: "10.60.0.0/24" } }), params({ id: "shrink" }));
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error.code).toBe("conflict");
    expect(error.message).toContain("shrink-02 (10.60.1.7) and 1 more machine");
    expect(error.details).toMatchObject({ machine: "shrink-02", ip: "10.60.1.7", count: 2 });
    expect((await db.subnet.findUnique({ where: { name: "shrink" } }))?.cidr).toBe("10.60.0.0/23");
    expect(await db.auditEntry.count({ where: { action: "subnet.update" } })).toBe(0);
  });

  it("allows a CIDR that still holds every machine", async () => {
    await subnetWithMachines("grow", "10.61.0.0/24", ["10.61.0.15", null]);
    const res = await PATCH(apiRequest("/api/subnets/grow", { method: "PATCH", body: { cidr: "10.61.0.0/23" } }), params({ id: "grow" }));
    expect(res.status).toBe(200);
  });

  it("refuses to delete a subnet with machines, with the count", async () => {
    await subnetWithMachines("busy", "10.62.0.0/24", ["10.62.0.11", "10.62.0.12"]);
    const res = await DELETE(apiRequest("/api/subnets/busy", { method: "DELETE" }), params({ id: "busy" }));
    expect(res.status).toBe(409);
    const { error } = await res.json();
    expect(error.message).toBe("subnet busy still has 2 machines; move or delete them first");
    expect(error.details).toEqual({ machines: 2 });
    expect(await db.subnet.count({ where: { name: "busy" } })).toBe(1);
  });

  it("counts pool usage by machine address", async () => {
    await subnetWithMachines("usage", "10.63.0.0/24", ["10.63.0.10", "10.63.0.20", "10.63.0.21", null]);
    const got = await (await getSubnet(apiRequest("/api/subnets/usage"), params({ id: "usage" }))).json();
    expect(got).toMatchObject({ machineCount: 4, poolUsed: 2, poolSize: 11 });
  });
});
