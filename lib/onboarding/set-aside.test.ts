import { describe, expect, it } from "vitest";
import { parsePaste } from "./parse";
import { commentOutLines } from "./set-aside";

describe("commentOutLines", () => {
  it("turns the lines into comments the parser skips, keeping the rest and the line endings", () => {
    const text = "52:54:00:00:00:01\r\nbad line\n52:54:00:00:00:02\n52-54-00-00-00-0\n";
    const out = commentOutLines(text, [2, 4]);
    expect(out).toBe("52:54:00:00:00:01\r\n# bad line\n52:54:00:00:00:02\n# 52-54-00-00-00-0\n");
    expect(parsePaste(out).rows.map((r) => r.line)).toEqual([1, 3]);
  });

  it("changes nothing for no lines, or lines past the end", () => {
    expect(commentOutLines("a\nb", [])).toBe("a\nb");
    expect(commentOutLines("a\nb", [9])).toBe("a\nb");
  });
});
