import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { BootTarget } from "@/lib/boot/plan";
import { planBoot } from "@/lib/boot/plan";
import type { BootPreview } from "@/lib/boot/preview";
import { BootPreviewView } from "./boot-preview";

const target: BootTarget = {
  machineId: "0a7b2a9e-2c6e-4a43-9d51-1b1f1f0a0001",
  hostname: "stor-01",
  mac: "52:54:00:aa:bb:01",
  iface: null,
  ipv4: "10.20.1.7",
  state: "booting",
  maintenance: false,
  subnet: { name: "prod-a", cidr: "10.20.0.0/22", gateway: "10.20.0.1", dns: [] },
  role: { name: "storage", kernelArgs: "" },
  version: { id: "v", image: "debian-storage", version: "2026.11.0", status: "stable", kernelPath: "k/vmlinuz", initrdPath: "k/initrd.img", squashfsPath: "k/fs.squashfs" },
  lastAttempt: 1,
};
const mirrors = [{ name: "mirror-a", baseUrl: "http://mirror-a.example/img", weight: 100, place: 1, note: null }, { name: "off", baseUrl: "http://10.0.0.9/img", weight: 100, place: null, note: "disabled" }];
const render = (p: BootPreview) => renderToStaticMarkup(createElement(BootPreviewView, { preview: p }));

describe("BootPreviewView", () => {
  it("says what the machine boots, from which role, in which mirror order, with the script", () => {
    const plan = planBoot(target, [{ id: "a", name: "mirror-a", baseUrl: "http://mirror-a.example/img", weight: 100 }]);
    const html = render({ plan, mirrors, script: "#!ipxe\necho hi <b>", error: null });
    expect(html).toContain("boots debian-storage:2026.11.0");
    expect(html).toContain("the desired version of role");
    expect(html).toContain("3: the previous boot never reported in");
    expect(html).toContain("live-boot&#x27;s fetch= needs an IP address");
    expect(html).toMatch(/<pre aria-label="iPXE script"[^>]*>#!ipxe\necho hi &lt;b&gt;<\/pre>/);
    expect(html).toContain("disabled");
  });

  it("says why a machine holds", () => {
    const plan = planBoot({ ...target, maintenance: true }, []);
    const html = render({ plan, mirrors: [], script: null, error: "console URL unknown" });
    expect(html).toContain("stor-01 is in maintenance");
    expect(html).toContain('role="alert"');
    expect(html).toContain("No mirrors");
  });
});
