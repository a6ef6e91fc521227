import { describe, expect, it } from "vitest";
import { driftCsvHref, driftHref, rolloutHref } from "./links";

describe("driftHref", () => {
  it("leaves defaults out and the threshold off lists that do not use it", () => {
    expect(driftHref({ kind: "version", days: 30, sort: "hostname", dir: "asc", page: 1 })).toBe("/fleet/drift");
    expect(driftHref({ kind: "version", days: 7, role: "storage" }, { page: 2 })).toBe("/fleet/drift?role=storage&page=2");
    expect(driftHref({ kind: "stale", days: 7 }, { sort: "lastBoot", dir: "desc" })).toBe("/fleet/drift?kind=stale&days=7&sort=lastBoot&dir=desc");
  });
});

describe("driftCsvHref", () => {
  it("keeps the filters, not the page or order", () => {
    expect(driftCsvHref({ kind: "stale", days: 7, role: "a", rack: "r1", page: 3, sort: "rack" })).toBe("/api/fleet/drift.csv?kind=stale&role=a&rack=r1&days=7");
  });
});

describe("rolloutHref", () => {
  it("names the machines when they fit, else passes the selector", () => {
    expect(rolloutHref("storage", { count: 2, hostnames: ["a", "b"] }, { kind: "version" })).toBe("/rollouts/new?role=storage&machines=a,b");
    expect(rolloutHref("storage", { count: 500, hostnames: ["a"] }, { kind: "stale", days: 9, rack: "r1" })).toBe("/rollouts/new?role=storage&rack=r1&drift=stale&days=9");
  });
});
