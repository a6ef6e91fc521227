import { describe, expect, it } from "vitest";
import { ipmiFailure } from "./ipmi-output";

// Texts as ipmitool 1.8.19 prints them (captured against ipmi_sim).
describe("ipmiFailure", () => {
  const where = "10.0.0.5:623";
  it("passes a success with ipmitool -v chatter, including the HPM.x d4 probe", () => {
    const out = "Loading IANA PEN Registry...\nRunning Get VSO Capabilities my_addr 0x20, transit 0, target 0x20\nInvalid completion code received: Invalid command\nDiscovered IPMB address 0x0\nGet HPM.x Capabilities request failed, compcode = d4\nChassis Power Control: Cycle\n";
    expect(ipmiFailure(out, 0, where, "admin")).toBeNull();
  });
  it("catches bootdev's refusal despite exit code 0", () => {
    const out = "Get HPM.x Capabilities request failed, compcode = d4\nSet Chassis Boot Parameter 4 failed: Insufficient privilege level\nSet Chassis Boot Parameter 5 failed: Insufficient privilege level\n";
    expect(ipmiFailure(out, 0, where, "ops")?.reason).toBe("insufficient_privilege");
  });
  it.each([
    ["> RAKP 2 HMAC is invalid\nError: Unable to establish IPMI v2 / RMCP+ session", "auth_failed"],
    ["RAKP 2 message indicates an error : unauthorized name\nError: Unable to establish IPMI v2 / RMCP+ session", "auth_failed"],
    ["Set Chassis Power Control to Cycle failed: Insufficient privilege level", "insufficient_privilege"],
    ["Get Auth Capabilities error\nError issuing Get Channel Authentication Capabilities request\nError: Unable to establish IPMI v2 / RMCP+ session", "unreachable"],
    ["Address lookup for bmc.invalid failed\nCould not open socket!", "unreachable"],
    ["Error in open session response message : invalid authentication algorithm\n\nError: Unable to establish IPMI v2 / RMCP+ session", "unsupported"],
    ["Something new and strange", "bmc_error"],
  ])("classifies %j", (out, reason) => {
    expect(ipmiFailure(out, 1, where, "admin")?.reason).toBe(reason);
  });
});
