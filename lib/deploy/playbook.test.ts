import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("deploy/playbooks/runtime.yml", () => {
  it("passes ansible-playbook's syntax check and lists its tasks", () => {
    const env = { ...process.env, ANSIBLE_NOCOLOR: "1" };
    execFileSync("ansible-playbook", ["-i", "localhost,", "--syntax-check", "deploy/playbooks/runtime.yml"], { env });
    const out = execFileSync("ansible-playbook", ["-i", "localhost,", "--list-tasks", "deploy/playbooks/runtime.yml"], {
      encoding: "utf8",
      env: { ...process.env, ANSIBLE_NOCOLOR: "1" },
    });
    for (const task of ["Kernel tunables", "CPU frequency governor", "Assemble software RAID arrays", "Mount data disks", "Start the role's services"]) {
      expect(out).toContain(task);
    }
  });
});
