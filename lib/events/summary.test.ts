import { describe, expect, it } from "vitest";
import { summarizePayload } from "./summary";

describe("summarizePayload", () => {
  it("lists scalars as key=value, abbreviates nested values and leaves nulls out", () => {
    expect(summarizePayload({ from: "booting", to: "ready", exitCode: 0, ok: true, recap: { ok: 3 }, hosts: [1, 2], x: null })).toBe(
      "from=booting to=ready exitCode=0 ok=true recap={…} hosts=[2]",
    );
    expect(summarizePayload({ image: null, reason: null })).toBe("");
  });
  it("quotes strings that would read ambiguously", () => {
    expect(summarizePayload({ reason: "timed out", empty: "" })).toBe('reason="timed out" empty=""');
  });
  it("shows nothing for an empty payload and cuts long ones", () => {
    expect(summarizePayload({})).toBe("");
    const long = summarizePayload({ output: "x".repeat(500) }, 20);
    expect(long).toHaveLength(20);
    expect(long.endsWith("…")).toBe(true);
  });
});
