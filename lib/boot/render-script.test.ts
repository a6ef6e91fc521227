import { describe, expect, it } from "vitest";
import { planBoot, type BootMirror, type BootPlanBoot, type BootTarget } from "./plan";
import { HOLD_SECONDS, holdSeconds, PREVIEW_HOLD_SECONDS, renderChainScript, renderErrorScript, renderHoldScript } from "./render-hold";
import { renderBootScript, ROUNDS } from "./render-script";

const target = (over: Partial<BootTarget> = {}): BootTarget => ({
  machineId: "0a7b2a9e-2c6e-4a43-9d51-1b1f1f0a0001",
  hostname: "stor-r01-07",
  mac: "52:54:00:aa:bb:01",
  iface: "eno1",
  ipv4: "10.20.1.7",
  state: "ready",
  maintenance: false,
  subnet: { name: "prod-a", cidr: "10.20.0.0/22", gateway: "10.20.0.1", dns: ["10.20.0.2", "10.20.0.3"] },
  role: { name: "storage", kernelArgs: "intel_iommu=on console=ttyS0,115200n8" },
  version: { id: "v1", image: "debian-storage", version: "2026.11.0", status: "stable", kernelPath: "debian-storage/2026.11.0/vmlinuz", initrdPath: "debian-storage/2026.11.0/initrd.img", squashfsPath: "debian-storage/2026.11.0/filesystem.squashfs" },
  lastAttempt: null,
  ...over,
});
const mirrors: BootMirror[] = [
  { id: "m-a", name: "mirror-a", baseUrl: "http://10.20.0.10/images", weight: 100 },
  { id: "m-b", name: "mirror-b", baseUrl: "http://10.20.0.11/images", weight: 100 },
];
const ctx = { consoleUrl: "http://10.20.0.5:3000", token: "T".repeat(43), bootId: "11111111-2222-3333-4444-555555555555", random: () => 0.5 };

function bootPlan(t = target(), m = mirrors): BootPlanBoot {
  const plan = planBoot(t, m);
  if (plan.kind !== "boot") throw new Error(`expected a boot plan, got hold: ${plan.reason}`);
  return plan;
}

const kernelLines = (script: string) => script.split("\n").filter((l) => l.startsWith("kernel "));
/** The shared kernel arguments, as iPXE will expand ${fb-args}. */
const argsOf = (script: string) => script.split("\n").find((l) => l.startsWith("set fb-args "))!.slice("set fb-args ".length).split(" ");

describe("renderBootScript", () => {
  it("starts with #!ipxe and boots the role's version from each mirror in turn", () => {
    const script = renderBootScript(bootPlan(), ctx);
    expect(script.startsWith("#!ipxe\n")).toBe(true);
    const kernels = kernelLines(script);
    expect(kernels).toHaveLength(2);
    const bases = kernels.map((k) => k.split(" ")[1].replace("/debian-storage/2026.11.0/vmlinuz", ""));
    expect(new Set(bases)).toEqual(new Set(mirrors.map((m) => m.baseUrl)));
    expect(kernels[0]).toBe(`kernel ${bases[0]}/debian-storage/2026.11.0/vmlinuz \${fb-args} fetch=${bases[0]}/debian-storage/2026.11.0/filesystem.squashfs || goto fb-mirror-1`);
    expect(kernels[1]).toMatch(/\|\| goto fb-next-round$/);
    const words = argsOf(script);
    expect(words).toEqual(expect.arrayContaining([
      "initrd=initrd.img", "boot=live",
      "ip=10.20.1.7::10.20.0.1:255.255.252.0:stor-r01-07:eno1:off:10.20.0.2:10.20.0.3",
      "BOOTIF=01-52-54-00-aa-bb-01", "hostname=stor-r01-07", "intel_iommu=on", "console=ttyS0,115200n8",
      "fleetboot.url=http://10.20.0.5:3000", `fleetboot.token=${"T".repeat(43)}`, `fleetboot.boot=${ctx.bootId}`,
    ]));
    expect(words.find((w) => w.startsWith("panic="))).toMatch(/^panic=\d+$/);
    expect(script).toContain(`initrd --name initrd.img ${bases[0]}/debian-storage/2026.11.0/initrd.img || goto fb-mirror-1`);
    expect(script).toMatch(/imgfetch --name fb-beacon http:\/\/10\.20\.0\.5:3000\/api\/boot\/beacon\?mac=52:54:00:aa:bb:01&boot=1111.*&stage=kernel&mirror=0 && imgfree fb-beacon \|\|/);
    expect(script).toContain(`iseq \${fb-round} ${ROUNDS} && goto fb-failed ||`);
    expect(script.trimEnd().endsWith("reboot")).toBe(true);
    // imgfree before every download attempt: a leftover image would become an extra initrd.
    expect(script.split("\n").filter((l) => l === "imgfree")).toHaveLength(3);
  });

  it("waits between mirrors and longer after each round, with jitter", () => {
    const waits = (random: () => number) => {
      const script = renderBootScript(bootPlan(), { ...ctx, random });
      return { first: Number(/^set fb-wait:int32 (\d+)$/m.exec(script)?.[1]), step: Number(/^inc fb-wait (\d+)$/m.exec(script)?.[1]), between: Number(/^sleep (\d+)$/m.exec(script)?.[1]) };
    };
    const low = waits(() => 0);
    const high = waits(() => 0.99);
    expect(low.step).toBeGreaterThan(0);
    expect(high.first).toBeGreaterThan(low.first);
    expect(high.step).toBeGreaterThan(low.step);
    expect(low.between).toBeGreaterThanOrEqual(1);
  });

  it("uses DHCP on the kernel line for a machine without an IP or outside its subnet", () => {
    expect(argsOf(renderBootScript(bootPlan(target({ ipv4: null })), ctx))).toContain("ip=dhcp");
    const outside = planBoot(target({ ipv4: "192.0.2.9" }), mirrors);
    expect(outside.kind === "boot" && outside.args).toContain("ip=dhcp");
    expect(outside.warnings.join()).toMatch(/192\.0\.2\.9 is in no subnet/);
    // 10.20.0.0/22 ends at 10.20.3.255.
    const ipArg = (ipv4: string, cidr = "10.20.0.0/22") => argsOf(renderBootScript(bootPlan(target({ ipv4, subnet: { name: "s", cidr, gateway: null, dns: [] } })), ctx)).find((a) => a.startsWith("ip="));
    expect(ipArg("10.20.3.255")).toBe("ip=10.20.3.255:::255.255.252.0:stor-r01-07:eno1:off");
    expect(ipArg("10.20.0.0")).toMatch(/^ip=10\.20\.0\.0:/);
    expect(ipArg("10.20.4.0")).toBe("ip=dhcp");
    expect(ipArg("10.19.255.255")).toBe("ip=dhcp");
    expect(ipArg("200.20.1.7", "200.20.0.0/16")).toMatch(/^ip=200\.20\.1\.7:/);
    expect(ipArg("200.21.1.7", "200.20.0.0/16")).toBe("ip=dhcp");
    expect(ipArg("10.20.1.7", "10.20.1.7/32")).toMatch(/^ip=10\.20\.1\.7:/);
    expect(ipArg("10.20.01.7")).toBe("ip=dhcp");
  });

  it("rotates the mirror order when the previous boot never reported in", () => {
    const first = bootPlan().sources.map((s) => s.mirror.id);
    const again = bootPlan(target({ state: "booting", lastAttempt: 0 }));
    expect(again.attempt).toBe(1);
    expect(again.sources.map((s) => s.mirror.id)).toEqual([first[1], first[0]]);
    expect(bootPlan(target({ state: "ready", lastAttempt: 4 })).attempt).toBe(0);
  });
});

describe("hostile values never reach a script", () => {
  const hold = (t: BootTarget, m = mirrors) => {
    const plan = planBoot(t, m);
    expect(plan.kind).toBe("hold");
    return plan.kind === "hold" ? plan.reason : "";
  };
  const version = target().version!;

  it.each([
    ["a setting expansion", "quiet ${net0/ip}", /"\$"/],
    ["command chaining", "quiet || shell", /"\|"/],
    ["a newline", "quiet\nshell", /control/],
    ["a quote", 'a="b c"', /"""|"'"/],
    ["a fleetboot.* override", "fleetboot.token=stolen", /set fleetboot\.token/],
    ["a fetch= override", "fetch=http://evil/x.squashfs", /set fetch=/],
  ])("refuses role kernel arguments with %s", (_what, kernelArgs, reason) => {
    expect(hold(target({ role: { name: "storage", kernelArgs } }))).toMatch(reason);
  });

  it.each([
    ["a space", "a b/vmlinuz"],
    ["an expansion", "${x}/vmlinuz"],
    ["chaining", "a||b/vmlinuz"],
    ["a parent directory", "../etc/vmlinuz"],
    ["a query", "vmlinuz?x=1"],
  ])("refuses an image path with %s", (_what, kernelPath) => {
    expect(hold(target({ version: { ...version, kernelPath } }))).toMatch(/kernel path .* not a plain relative path/);
  });

  it("refuses a squashfs live-boot would not mount, and a hostname that is not a label", () => {
    expect(hold(target({ version: { ...version, squashfsPath: "a/filesystem.img" } }))).toMatch(/squashfs/);
    expect(hold(target({ hostname: "x ${y}" }))).toMatch(/hostname/);
  });

  it("skips mirrors iPXE cannot use, and holds when none is left", () => {
    const bad = [
      { id: "s", name: "tls", baseUrl: "https://10.0.0.1/images", weight: 100 },
      { id: "e", name: "evil", baseUrl: "http://10.0.0.2/a${x}", weight: 100 },
      { id: "f", name: "spacey", baseUrl: "http://10.0.0.3/a b", weight: 100 },
    ];
    expect(hold(target(), bad)).toMatch(/no enabled mirror has a plain http/);
    const plan = bootPlan(target(), [...bad, mirrors[0]]);
    expect(plan.sources.map((s) => s.mirror.name)).toEqual(["mirror-a"]);
    expect(plan.warnings.join("\n")).toMatch(/tls is skipped: this iPXE build has no HTTPS/);
  });

  it("ignores a hostile interface name rather than writing it into ip=", () => {
    const script = renderBootScript(bootPlan(target({ iface: "eth0:x ${y}" })), ctx);
    expect(argsOf(script).join(" ")).toContain(":stor-r01-07::off:");
    expect(script).not.toContain("${y}");
  });

  it("refuses a hostile console URL or token at render time", () => {
    expect(() => renderBootScript(bootPlan(), { ...ctx, consoleUrl: "http://x/${net0/mac}" })).toThrow(/console URL/);
    expect(() => renderBootScript(bootPlan(), { ...ctx, token: "a||reboot" })).toThrow(/token/);
  });

  it("refuses a kernel command line longer than Linux keeps", () => {
    const plan = bootPlan(target({ role: { name: "storage", kernelArgs: Array.from({ length: 200 }, (_, i) => `arg${i}=xxxxxxx`).join(" ") } }));
    expect(() => renderBootScript(plan, ctx)).toThrow(/kernel command line would be \d+ bytes/);
  });

  it("reduces echoed text to harmless characters", () => {
    const script = renderHoldScript(ctx.consoleUrl, ["MAC ${net0/mac} || reboot && shell\n#x"], 30);
    const echo = script.split("\n").find((l) => l.startsWith("echo Fleetboot: MAC"))!;
    expect(echo).not.toMatch(/[$|&{}#\n]/);
    expect(renderErrorScript("bad ${x}")).not.toContain("${x}");
  });
});

describe("chain and hold scripts", () => {
  it("chains to the contract's URL", () => {
    const script = renderChainScript("http://10.20.0.5:3000");
    expect(script.startsWith("#!ipxe\nchain http://10.20.0.5:3000/api/boot/ipxe?mac=${net0/mac}&uuid=${uuid}&serial=${serial}&arch=${buildarch}&platform=${platform}")).toBe(true);
    expect(script.trimEnd().endsWith("reboot")).toBe(true);
  });

  it("holds with a wait, then asks again by replacing itself", () => {
    const script = renderHoldScript("http://c", ["MAC 52:54:00:aa:bb:01 is not registered."], 42);
    expect(script).toContain("echo Fleetboot: MAC 52:54:00:aa:bb:01 is not registered.");
    expect(script).toContain("sleep 42");
    expect(script).toContain("chain --replace --autofree http://c/api/boot/ipxe?mac=${net0/mac}&");
  });
});

describe("holdSeconds", () => {
  it("spans HOLD_SECONDS, ends included, and the preview's wait lies inside it", () => {
    expect(holdSeconds(() => 0)).toBe(HOLD_SECONDS.min);
    expect(holdSeconds(() => 0.999999)).toBe(HOLD_SECONDS.max);
    const seen = new Set(Array.from({ length: 2000 }, () => holdSeconds()));
    expect(Math.min(...seen)).toBe(HOLD_SECONDS.min);
    expect(Math.max(...seen)).toBe(HOLD_SECONDS.max);
    expect(PREVIEW_HOLD_SECONDS).toBeGreaterThan(HOLD_SECONDS.min);
    expect(PREVIEW_HOLD_SECONDS).toBeLessThan(HOLD_SECONDS.max);
  });
});
