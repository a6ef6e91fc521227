import { describe, expect, it } from "vitest";
import { assignHostnames } from "./assign";
import type { Draft } from "./check";
import { counterName, renderTemplate, templateProblem } from "./template";

const draft = (line: number, over: Partial<Draft> = {}): Draft => ({
  line,
  input: "",
  mac: `52:54:00:00:00:${String(line).padStart(2, "0")}`,
  hostname: null,
  ip: null,
  role: "storage",
  rack: "r01",
  bmc: null,
  problems: [],
  ...over,
});

describe("hostname template", () => {
  it("renders placeholders, with a counter family for {nn} and {nnn}", () => {
    expect(renderTemplate("{role}-{rack}-{nn}", { role: "storage", rack: "R01" })).toEqual({ kind: "counter", prefix: "storage-r01-", suffix: "", width: 2 });
    expect(renderTemplate("n{nnn}-{rack}", { rack: "r2" })).toEqual({ kind: "counter", prefix: "n", suffix: "-r2", width: 3 });
    expect(renderTemplate("{role}-{mac}", { role: "compute", mac: "52:54:00:ab:cd:ef" })).toEqual({ kind: "fixed", name: "compute-abcdef" });
    expect(counterName({ prefix: "s-", suffix: "", width: 2 }, 7)).toBe("s-07");
    expect(counterName({ prefix: "s-", suffix: "", width: 2 }, 123)).toBe("s-123");
  });

  it("drops a value the row does not have together with its dash", () => {
    expect(renderTemplate("{role}-{rack}-{nn}", { role: "storage" })).toMatchObject({ prefix: "storage-" });
    expect(renderTemplate("{role}-{rack}-{nn}", { rack: "r01" })).toMatchObject({ prefix: "r01-" });
  });

  it("starts a name that would be all digits with node- (no role and no rack: a pasted list of bare MACs)", () => {
    expect(renderTemplate("{role}-{rack}-{nn}", {})).toEqual({ kind: "counter", prefix: "node-", suffix: "", width: 2 });
    expect(renderTemplate("{rack}{nn}", { rack: "12" })).toEqual({ kind: "counter", prefix: "node-12", suffix: "", width: 2 });
    expect(renderTemplate("{mac}", { mac: "52:54:00:12:34:56" })).toEqual({ kind: "fixed", name: "node-123456" });
    expect(renderTemplate("{mac}", { mac: "52:54:00:ab:34:56" })).toEqual({ kind: "fixed", name: "ab3456" });
  });

  it("says why a row gets no usable name", () => {
    const r = renderTemplate("{rack}-{nn}", { rack: "R_1" });
    expect(r).toMatchObject({ kind: "error", reason: expect.stringMatching(/gives names like "r_1-01"/) });
  });

  it("rejects templates that cannot name each machine", () => {
    expect(templateProblem("{role}-{rack}-{nn}")).toBeNull();
    expect(templateProblem("{role}-{mac}")).toBeNull();
    expect(templateProblem("{role}-{rack}")).toMatch(/needs \{nn\}/);
    expect(templateProblem("{role}-{n}")).toMatch(/unknown placeholder \{n\}/);
    expect(templateProblem("{nn}-{nnn}")).toMatch(/one counter/);
    expect(templateProblem("{role-{nn}")).toMatch(/unknown placeholder|brace/);
  });

  it("counts per family and skips names registered or used earlier in the paste", () => {
    const rows = [draft(1), draft(2), draft(3, { rack: "r02" }), draft(4), draft(5, { hostname: "storage-r01-05" })];
    const taken = new Map([["storage-r01-01", 0], ["storage-r01-03", 0], ["storage-r01-05", 5]]);
    assignHostnames(rows, "{role}-{rack}-{nn}", null, taken);
    expect(rows.map((r) => r.hostname)).toEqual(["storage-r01-02", "storage-r01-04", "storage-r02-01", "storage-r01-06", "storage-r01-05"]);
    expect(rows.every((r) => r.problems.length === 0)).toBe(true);
  });

  it("reports a fixed name that is taken, and a template that is not usable", () => {
    const rows = [draft(1)];
    assignHostnames(rows, "{role}-{mac}", null, new Map([["storage-000001", 0]]));
    expect(rows[0].problems).toEqual([{ kind: "conflict", text: expect.stringMatching(/storage-000001, which is already taken/) }]);
    const bad = [draft(1)];
    assignHostnames(bad, "{role}", "the template needs {nn}", new Map());
    expect(bad[0]).toMatchObject({ hostname: null, problems: [{ kind: "invalid", text: expect.stringMatching(/template is not usable/) }] });
  });
});
