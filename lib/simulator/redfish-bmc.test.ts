import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedfishBmcSimulator } from "./redfish-bmc";

const cycles: string[] = [];
const bmc = new RedfishBmcSimulator({ onPowerCycle: (id) => cycles.push(id) });
const basic = (user: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString("base64")}` });
const a = basic("alice", "pw-a");

beforeAll(async () => {
  await bmc.start();
  bmc.addSystem({ id: "a1", username: "alice", password: "pw-a" });
  bmc.addSystem({ id: "b1", username: "bob", password: "pw-b", powerState: "Off" });
});
afterAll(() => bmc.stop());

async function call(method: string, path: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${bmc.baseUrl}${path}`, { method, headers: { "content-type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

describe("simulated Redfish BMC", () => {
  it("serves the service root without credentials and nothing else", async () => {
    expect((await call("GET", "/redfish/v1")).body.Systems).toEqual({ "@odata.id": "/redfish/v1/Systems" });
    expect((await call("GET", "/redfish/v1/Systems")).status).toBe(401);
    expect((await call("GET", "/redfish/v1/Systems", basic("alice", "wrong"))).status).toBe(401);
  });

  it("lists to each account only its own systems", async () => {
    const res = await call("GET", "/redfish/v1/Systems", a);
    expect(res.body.Members).toEqual([{ "@odata.id": "/redfish/v1/Systems/a1" }]);
    expect((await call("GET", "/redfish/v1/Systems/b1", a)).status).toBe(404);
  });

  it("shows power state, boot override and the reset action with their allowable values", async () => {
    const { body } = await call("GET", "/redfish/v1/Systems/a1", a);
    expect(body.PowerState).toBe("On");
    expect(body.Boot["BootSourceOverrideTarget@Redfish.AllowableValues"]).toContain("Pxe");
    expect(body.Actions["#ComputerSystem.Reset"]).toMatchObject({ target: "/redfish/v1/Systems/a1/Actions/ComputerSystem.Reset" });
    expect(body.Actions["#ComputerSystem.Reset"]["ResetType@Redfish.AllowableValues"]).toContain("ForceRestart");
  });

  it("creates and deletes sessions", async () => {
    const created = await call("POST", "/redfish/v1/SessionService/Sessions", {}, { UserName: "alice", Password: "pw-a" });
    expect(created.status).toBe(201);
    const token = created.headers.get("x-auth-token")!;
    const location = created.headers.get("location")!;
    expect((await call("GET", "/redfish/v1/Systems", { "x-auth-token": token })).status).toBe(200);
    expect(bmc.openSessions).toBe(1);
    expect((await call("DELETE", location, { "x-auth-token": token })).status).toBe(204);
    expect((await call("GET", "/redfish/v1/Systems", { "x-auth-token": token })).status).toBe(401);
    expect((await call("POST", "/redfish/v1/SessionService/Sessions", {}, { UserName: "alice", Password: "x" })).status).toBe(401);
  });

  it("validates PATCH Boot against the allowable values and the ETag", async () => {
    expect((await call("PATCH", "/redfish/v1/Systems/a1", a, { Boot: { BootSourceOverrideTarget: "Floppy" } })).status).toBe(400);
    expect((await call("PATCH", "/redfish/v1/Systems/a1", { ...a, "if-match": 'W/"stale"' }, { Boot: { BootSourceOverrideTarget: "Pxe" } })).status).toBe(412);
    const ok = await call("PATCH", "/redfish/v1/Systems/a1", a, { Boot: { BootSourceOverrideTarget: "Pxe", BootSourceOverrideEnabled: "Once" } });
    expect(ok.body.Boot).toMatchObject({ BootSourceOverrideTarget: "Pxe", BootSourceOverrideEnabled: "Once" });
  });

  it("resets like a BMC: restart needs power, On boots an off system, every boot is logged and called back", async () => {
    const bob = basic("bob", "pw-b");
    const reset = (type: string) => call("POST", "/redfish/v1/Systems/b1/Actions/ComputerSystem.Reset", bob, { ResetType: type });
    expect((await reset("ForceRestart")).status).toBe(409);
    expect((await reset("Reboot")).status).toBe(400);
    expect((await reset("On")).status).toBe(204);
    expect((await reset("On")).status).toBe(409);
    expect(cycles).toEqual(["b1"]);
    expect(bmc.log.filter((e) => e.systemId === "b1" && e.action === "reset").map((e) => [e.resetType, e.outcome?.powerAfter])).toEqual([["On", "On"]]);
  });

  it("injects faults for a number of requests", async () => {
    bmc.setFault("a1", { kind: "status", status: 500, times: 1 });
    expect((await call("GET", "/redfish/v1/Systems/a1", a)).status).toBe(500);
    expect((await call("GET", "/redfish/v1/Systems/a1", a)).status).toBe(200);
    bmc.setFault("a1", { kind: "unauthorized" });
    expect((await call("GET", "/redfish/v1/Systems", a)).status).toBe(401);
    bmc.setFault("a1", null);
  });
});
