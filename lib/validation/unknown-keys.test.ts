import { describe, expect, it } from "vitest";
import { PATCH as patchMachine } from "@/app/api/machines/[id]/route";
import { POST as createMachine } from "@/app/api/machines/route";
import { db } from "@/lib/db";
import { machineUpdateSchema } from "@/lib/machines/schema";
import { roleUpdateSchema } from "@/lib/roles/schema";
import { createRolloutSchema } from "@/lib/rollouts/schema";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";
import { unknownKeys } from "./unknown-keys";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

describe("fields a schema does not have", () => {
  it("are found at any depth, with the field that was probably meant", () => {
    expect(unknownKeys(machineUpdateSchema, { maintainance: true, bmc: { type: "ipmi", adress: "10.0.0.1", username: "u" }, ipV4: "10.0.0.1", colour: "red" })).toEqual([
      { path: "maintainance", key: "maintainance", suggestion: "maintenance" },
      { path: "bmc.adress", key: "adress", suggestion: "address" },
      { path: "ipV4", key: "ipV4", suggestion: "ipv4" },
      { path: "colour", key: "colour", suggestion: null },
    ]);
  });

  it("are not looked for where any key is allowed (Ansible variables) or under a value of another type", () => {
    expect(unknownKeys(roleUpdateSchema, { deployVars: { anything: { at: "all" } } })).toEqual([]);
    expect(unknownKeys(roleUpdateSchema, { deployVars: '{"as": "text"}' })).toEqual([]);
    expect(unknownKeys(machineUpdateSchema, { bmc: null, macs: ["52:54:00:00:00:01"] })).toEqual([]);
    expect(unknownKeys(createRolloutSchema, { selector: { role: "web", rac: "r1" }, batchSize: 1 })).toEqual([{ path: "selector.rac", key: "rac", suggestion: "rack" }]);
  });

  it("make the API answer 400 by name and change nothing", async () => {
    const created = await createMachine(apiRequest("/api/machines", { method: "POST", body: { hostname: "typo-01", macs: ["52:54:00:77:00:01"], rol: "web" } }), undefined);
    expect(created.status).toBe(400);
    expect((await created.json()).error).toMatchObject({ code: "validation_failed", message: 'unknown field "rol" (did you mean "role"?)', details: { fields: [{ path: "rol" }] } });
    expect(await db.machine.count({ where: { hostname: "typo-01" } })).toBe(0);

    expect((await createMachine(apiRequest("/api/machines", { method: "POST", body: { hostname: "typo-01", macs: ["52:54:00:77:00:01"] } }), undefined)).status).toBe(201);
    const res = await patchMachine(apiRequest("/api/machines/typo-01", { method: "PATCH", body: { maintainance: true, notes: "x" } }), params({ id: "typo-01" }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBe('unknown field "maintainance" (did you mean "maintenance"?)');
    expect(await db.machine.findFirstOrThrow({ where: { hostname: "typo-01" }, select: { maintenance: true, notes: true } })).toEqual({ maintenance: false, notes: "" });
  });
});
