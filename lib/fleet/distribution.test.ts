import { describe, expect, it } from "vitest";
import { describeDistribution, distributionRows } from "./distribution";
import type { RoleHomogeneity } from "./queries";

const role = (over: Partial<RoleHomogeneity>): RoleHomogeneity => ({
  role: "storage",
  desiredVersion: "img:2",
  total: 0,
  converged: 0,
  drifted: 0,
  neverReported: 0,
  versions: [],
  ...over,
});

describe("distributionRows", () => {
  it("orders the parts: desired, other versions by machines, the rest together, never reported", () => {
    const versions = [
      { version: "img:2", count: 10, desired: true },
      ...["a", "b", "c", "d", "e", "f"].map((v, i) => ({ version: `img:${v}`, count: 6 - i, desired: false })),
    ];
    const [row] = distributionRows([role({ total: 34, versions, neverReported: 3 })]);
    expect(row.counts).toEqual({ desired: 10, other1: 6, other2: 5, other3: 4, other4: 3, more: 3, never: 3 });
    expect(row.names).toMatchObject({ desired: "img:2 (desired)", other1: "img:a", other4: "img:d", more: "2 more versions", never: "never reported" });
  });

  it("names a single leftover version, leaves out empty roles, and calls machines without a role so", () => {
    const versions = ["a", "b", "c", "d", "e"].map((v) => ({ version: `img:${v}`, count: 1, desired: false }));
    const rows = distributionRows([role({ role: null, desiredVersion: null, total: 5, versions }), role({ role: "empty" })]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ role: "(no role)", names: { more: "img:e" }, counts: { desired: 0, more: 1 } });
  });

  it("describes the chart in words", () => {
    const rows = distributionRows([role({ total: 3, versions: [{ version: "img:2", count: 2, desired: true }], neverReported: 1 })]);
    expect(describeDistribution(rows)).toBe("storage: 2 on img:2 (desired), 1 never reported");
  });
});
