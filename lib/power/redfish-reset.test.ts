import { describe, expect, it } from "vitest";
import { chooseResetType } from "./redfish-reset";

describe("chooseResetType", () => {
  const all = ["On", "ForceOff", "GracefulRestart", "ForceRestart", "PowerCycle"];
  it("prefers ForceRestart, then PowerCycle, for a running system", () => {
    expect(chooseResetType("cycle", "On", all)).toBe("ForceRestart");
    expect(chooseResetType("pxe-cycle", "On", ["On", "PowerCycle", "GracefulRestart"])).toBe("PowerCycle");
    expect(chooseResetType("cycle", "On", undefined)).toBe("ForceRestart");
  });
  it("powers on a system that is off", () => {
    expect(chooseResetType("pxe-cycle", "Off", all)).toBe("On");
    expect(chooseResetType("cycle", "Off", ["PushPowerButton"])).toBe("PushPowerButton");
  });
  it("does nothing when the wanted state is there", () => {
    expect(chooseResetType("on", "On", all)).toBeNull();
    expect(chooseResetType("off", "Off", all)).toBeNull();
  });
  it("names the allowed values when none fits", () => {
    expect(() => chooseResetType("cycle", "On", ["GracefulRestart", "Nmi"])).toThrow(/allows GracefulRestart, Nmi/);
  });
});
