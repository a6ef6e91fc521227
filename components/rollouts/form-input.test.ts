import { describe, expect, it } from "vitest";
import { createRolloutSchema } from "@/lib/rollouts/schema";
import { errorsByField, formFieldOf, rolloutFormToInput } from "./form-input";

const parse = (values: Record<string, unknown>) => createRolloutSchema.safeParse(rolloutFormToInput(values));

describe("rolloutFormToInput", () => {
  it("nests the flat form into what the API takes", () => {
    const r = parse({
      role: "storage", rack: " r1 ", machines: "st-01, st-02\nst-03", imageVersion: "os:2", batchSize: "10%", maxUnavailable: "4", perRack: "",
      canary: "on", canarySize: "2", healthTimeoutSeconds: "600", minHealthySeconds: "30", failureThreshold: "2",
      windowStart: "01:00", windowEnd: "05:30", windowTimezone: "Europe/Berlin", power1: "redfish", power2: "", power3: "ssh", requestKey: "form-load-0123",
    });
    expect(r.success && r.data).toMatchObject({
      selector: { role: "storage", rack: "r1", machines: ["st-01", "st-02", "st-03"] },
      imageVersion: "os:2",
      batchSize: { percent: 10 },
      maxUnavailable: 4,
      canary: 2,
      healthTimeoutSeconds: 600,
      minHealthySeconds: 30,
      failureThreshold: 2,
      window: { start: "01:00", end: "05:30", timezone: "Europe/Berlin" },
      powerOrder: ["redfish", "ssh"],
      requestKey: "form-load-0123",
    });
    expect(r.success && r.data.perRack).toBeUndefined();
  });

  it("leaves out what is empty, so the schema's defaults apply", () => {
    const r = parse({ role: "web", batchSize: "5", canarySize: "3", windowTimezone: "UTC" });
    expect(r.success && r.data).toMatchObject({ selector: { role: "web" }, batchSize: 5, healthTimeoutSeconds: 900, minHealthySeconds: 0, failureThreshold: 1, powerOrder: [] });
    expect(r.success && [r.data.canary, r.data.window]).toEqual([undefined, undefined]);
  });

  it("a canary without a size is one machine", () => {
    const r = parse({ role: "web", batchSize: "5", canary: "on" });
    expect(r.success && r.data.canary).toBe(true);
  });

  it("names the field of each mistake", () => {
    const r = parse({ batchSize: "ten", maxUnavailable: "two", windowStart: "01:00", power1: "ssh", power2: "ssh" });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => formFieldOf(i.path.join(".")));
    expect(paths).toEqual(expect.arrayContaining(["selector", "batchSize", "maxUnavailable", "windowEnd", "powerOrder"]));
  });
});

describe("formFieldOf", () => {
  it("maps the API's error paths to the form's fields", () => {
    expect(formFieldOf("selector.role")).toBe("role");
    expect(formFieldOf("selector.machines.3")).toBe("machines");
    expect(formFieldOf("selector")).toBe("selector");
    expect(formFieldOf("window.timezone")).toBe("windowTimezone");
    expect(formFieldOf("window")).toBe("window");
    expect(formFieldOf("powerOrder.1")).toBe("powerOrder");
    expect(formFieldOf("canary")).toBe("canarySize");
    expect(formFieldOf("imageVersion")).toBe("imageVersion");
    expect(formFieldOf("")).toBe("_form");
    expect(formFieldOf("surprise")).toBe("_form");
  });

  it("keeps the first error of a field", () => {
    expect(errorsByField({ "selector.machines.0": "first", "selector.machines.1": "second", _form: "x" })).toEqual({ machines: "first", _form: "x" });
  });
});
