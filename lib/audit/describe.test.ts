import { describe, expect, it } from "vitest";
import { describeChanges } from "./describe";

describe("describeChanges", () => {
  it("says a changed field as before → after, and an unchanged one as such", () => {
    expect(describeChanges({ state: ["running", "paused"], rack: [null, "r2"], canary: ["paused", "paused"] }, "rollout.pause")).toEqual([
      { field: "state", text: "running → paused" },
      { field: "rack", text: "— → r2" },
      { field: "canary", text: "paused (unchanged)" },
    ]);
  });

  it("says plain values, lists and flat objects in words, and anything deeper as JSON", () => {
    expect(describeChanges({
      name: "storage",
      macs: ["52:54:00:00:00:01", "52:54:00:00:00:02"],
      tags: [],
      selector: { role: "storage", rack: null },
      targetVersion: null,
      defaults: { role: "storage", nested: { a: 1 } },
    }, "machine.create")).toEqual([
      { field: "name", text: "storage" },
      { field: "macs", text: "52:54:00:00:00:01, 52:54:00:00:00:02" },
      { field: "tags", text: "none" },
      { field: "selector", text: "role storage, rack —" },
      { field: "targetVersion", text: "—" },
      { field: "defaults", text: '{"role":"storage","nested":{"a":1}}' },
    ]);
  });

  it("has nothing to say about no changes", () => {
    expect(describeChanges(null)).toEqual([]);
    expect(describeChanges("x")).toEqual([]);
  });
});
