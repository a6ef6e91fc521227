import { describe, expect, it } from "vitest";
import { kernelArgsProblem, normaliseKernelArgs } from "./kernel-args";

describe("kernel arguments", () => {
  it("collapses spaces", () => {
    expect(normaliseKernelArgs("  intel_iommu=on   console=ttyS0,115200n8 ")).toBe("intel_iommu=on console=ttyS0,115200n8");
  });

  it.each(["intel_iommu=on", "console=tty0 console=ttyS1,115200n8 quiet", "isolcpus=1-3,5 hugepagesz=1G hugepages=16", "ip=::::eth0:dhcp", ""])(
    "accepts %j",
    (args) => expect(kernelArgsProblem(args)).toBeNull(),
  );

  it.each([
    ["quiet\nchain http://evil/x", "one line"],
    ["quiet\r", "one line"],
    ["a\tb", "tabs or control"],
    ["a\u0000", "tabs or control"],
    ["x=${net0/mac}", '"$"'],
    ["a || shell", '"|"'],
    ["a && shell", '"&"'],
    ['x="a b"', "\""],
    ["x='a'", "'"],
    ["a\\b", "\\"],
    ["münchen", "plain ASCII"],
    ["fetch=http://elsewhere/x.squashfs", '"fetch=" is set by the boot script'],
    ["quiet boot=casper", '"boot="'],
    ["BOOTIF=01-aa-aa-aa-aa-aa-aa", '"BOOTIF=" is set by the boot script'],
    ["panic=0", '"panic="'],
    ["fleetboot.url=http://10.66.6.6", '"fleetboot.url" is set by the boot script'],
    ["fleetboot.debug", '"fleetboot.debug"'],
    ["a".repeat(1025), "at most 1024"],
  ])("refuses %j (%s)", (args, words) => {
    expect(kernelArgsProblem(args)).toContain(words);
  });
});
