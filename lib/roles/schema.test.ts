import { describe, expect, it } from "vitest";
import { roleCreateSchema, roleUpdateSchema } from "./schema";

function errors(body: unknown): Record<string, string> {
  const r = roleUpdateSchema.safeParse(body);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("role schemas", () => {
  it("needs no more than a name", () => {
    expect(roleCreateSchema.parse({ name: "Storage" })).toEqual({ name: "storage" });
  });

  it("takes the form's shapes: argv one per line, vars as JSON text, empty as cleared", () => {
    const out = roleUpdateSchema.parse({
      deployCommand: "\nansible-playbook\r\n  -i  \n{ip},\n{playbook}\n\n",
      deployVars: '{"raid_level": 10, "mounts": ["/data"]}',
      imageVersion: null,
      kernelArgs: null,
      playbook: null,
      description: null,
    });
    expect(out).toEqual({
      deployCommand: ["ansible-playbook", "-i", "{ip},", "{playbook}"],
      deployVars: { raid_level: 10, mounts: ["/data"] },
      imageVersion: null,
      kernelArgs: "",
      playbook: "",
      description: "",
    });
    expect(roleUpdateSchema.parse({ deployCommand: null, deployVars: "  " })).toEqual({ deployCommand: [], deployVars: {} });
  });

  it("points at the argv element at fault, and at a blank line inside the form's list", () => {
    expect(errors({ deployCommand: ["ansible-playbook", "{nope}"] })).toEqual({
      "deployCommand.1": expect.stringContaining("unknown placeholder {nope}"),
    });
    expect(errors({ deployCommand: "ansible-playbook\n\n{playbook}" })).toEqual({ "deployCommand.1": expect.stringContaining("is empty") });
    expect(errors({ deployCommand: "ansible-playbook -i {ip}," })["deployCommand.0"]).toContain("one per line");
    expect(errors({ deployCommand: [1] })["deployCommand.0"]).toContain("must be a string");
  });

  it("explains bad deploy vars", () => {
    expect(errors({ deployVars: "{oops" }).deployVars).toContain("not valid JSON");
    expect(errors({ deployVars: [1, 2] }).deployVars).toContain("JSON object");
    expect(errors({ deployVars: '"text"' }).deployVars).toContain("JSON object");
    expect(errors({ deployVars: { "bad-name": 1 } }).deployVars).toContain('"bad-name"');
    expect(errors({ deployVars: { big: "x".repeat(17_000) } }).deployVars).toContain("16 KiB");
  });

  it("keeps the playbook a relative path that cannot be read as an option", () => {
    expect(roleUpdateSchema.parse({ playbook: "deploy/playbooks/runtime.yml" }).playbook).toBe("deploy/playbooks/runtime.yml");
    expect(errors({ playbook: "/etc/ansible/site.yml" }).playbook).toContain("leading");
    expect(errors({ playbook: "../site.yml" }).playbook).toContain('".."');
    expect(errors({ playbook: "--extra-vars=@/etc/shadow" }).playbook).toContain('start with "-"');
  });

  it("refuses a desired version not written image:version, and bad kernel args", () => {
    expect(errors({ imageVersion: "2026.11.0", kernelArgs: "quiet\nshell" })).toEqual({
      imageVersion: expect.stringContaining('"<image>:<version>"'),
      kernelArgs: "Kernel arguments must be on one line",
    });
  });
});
