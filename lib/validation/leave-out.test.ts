import { describe, expect, it } from "vitest";
import { machineSortHrefs, machinesHref } from "@/lib/machines/links";
import { machineListQuery } from "@/lib/machines/schema";
import { parseLeavingOut } from "./leave-out";

describe("parseLeavingOut", () => {
  it("leaves out only the parameters the schema refuses, and says which and why", () => {
    const r = parseLeavingOut(machineListQuery, { role: "storage", sort: "bogus", limit: "9999", q: "r01" });
    expect(r.data).toMatchObject({ role: "storage", q: "r01", limit: 100 });
    expect(r.data.sort).toBeUndefined();
    expect(r.kept).toEqual({ role: "storage", q: "r01" });
    expect(r.leftOut.map((l) => l.name).sort()).toEqual(["limit", "sort"]);
    expect(r.leftOut.find((l) => l.name === "limit")).toEqual({ name: "limit", value: "9999", message: "must be a whole number from 1 to 500" });
  });
});

describe("machine list links", () => {
  it("change the list's parameters and leave the rest", () => {
    expect(machinesHref({})).toBe("/machines");
    expect(machinesHref({ rack: "r02", cursor: "abc" }, { cursor: undefined })).toBe("/machines?rack=r02");
    const hrefs = machineSortHrefs({ rack: "r02", sort: "ipv4", cursor: "abc" }, { key: "ipv4", desc: false });
    expect(hrefs.ipv4).toBe("/machines?rack=r02&sort=ipv4&dir=desc");
    expect(hrefs.hostname).toBe("/machines?rack=r02");
    expect(hrefs.lastSeen).toBe("/machines?rack=r02&sort=lastSeen");
  });
});
