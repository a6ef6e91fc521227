import { describe, expect, it } from "vitest";
import { buildDeployArgv, defaultDeployCommand } from "./command";
import { BoundedOutput } from "./output";
import { parseRecap } from "./recap";

const vars = { ip: "10.0.0.5", hostname: "stor-01", role: "storage", image: "debian-storage:1.2", playbook: "deploy/playbooks/runtime.yml" };

describe("buildDeployArgv", () => {
  it("fills the default ansible-playbook command", () => {
    expect(buildDeployArgv([], vars)).toEqual([
      "ansible-playbook", "-i", "10.0.0.5,", "deploy/playbooks/runtime.yml",
      "-e", "fleetboot_hostname=stor-01", "-e", "fleetboot_role=storage", "-e", "fleetboot_image=debian-storage:1.2",
    ]);
    expect(defaultDeployCommand()[0]).toBe("ansible-playbook");
  });

  it("keeps hostile values inside one argv element and leaves unknown braces alone", () => {
    const argv = buildDeployArgv(["run", "--host={hostname}", "{other}"], { ...vars, hostname: "x; rm -rf / $(id)" });
    expect(argv).toEqual(["run", "--host=x; rm -rf / $(id)", "{other}"]);
  });
});

describe("parseRecap", () => {
  it("sums the PLAY RECAP lines", () => {
    const out = `PLAY [x] ****\nTASK [a] ***\nok: [10.0.0.5]\n\nPLAY RECAP *********\n10.0.0.5                   : ok=3    changed=1    unreachable=0    failed=1    skipped=2    rescued=0    ignored=0\n10.0.0.6 : ok=2 changed=0 unreachable=1 failed=0 skipped=0 rescued=0 ignored=0\n`;
    expect(parseRecap(out)).toEqual({ ok: 5, changed: 1, unreachable: 1, failed: 1, skipped: 2, rescued: 0, ignored: 0 });
  });

  it("is null without a recap", () => {
    expect(parseRecap("ERROR! the playbook could not be found")).toBeNull();
  });
});

describe("BoundedOutput", () => {
  it("keeps the head and the tail and says how much it cut", () => {
    const out = new BoundedOutput(100);
    out.append("START-");
    for (let i = 0; i < 100; i++) out.append(`line ${i}\n`);
    out.append("THE-END");
    const text = out.toString();
    expect(text.startsWith("START-")).toBe(true);
    expect(text.endsWith("THE-END")).toBe(true);
    expect(text).toMatch(/\[… \d+ characters of output cut …\]/);
    expect(text.length).toBeLessThan(160);
  });
});
