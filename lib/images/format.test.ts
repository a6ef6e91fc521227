import { describe, expect, it } from "vitest";
import { formatBytes, shortSha, splitCommonDir } from "./format";

describe("formatBytes", () => {
  it.each([
    [null, "—"],
    [512, "512 B"],
    [1536, "1.50 KiB"],
    [183_500_800, "175 MiB"],
    [12_884_901_888, "12.0 GiB"],
    ["9007199254740993", "8.00 PiB"],
  ])("%j → %s", (size, text) => expect(formatBytes(size)).toBe(text));
});

describe("shortSha", () => {
  it("keeps the first 12 digits", () => {
    expect(shortSha("ab".repeat(32))).toBe("abababababab…");
    expect(shortSha(null)).toBe("—");
  });
});

describe("splitCommonDir", () => {
  it("finds the shared directory of a version's files", () => {
    expect(splitCommonDir(["d/2026.11.0/vmlinuz", "d/2026.11.0/initrd.img", "d/2026.11.0/live/fs.squashfs"])).toEqual({
      dir: "d/2026.11.0/",
      names: ["vmlinuz", "initrd.img", "live/fs.squashfs"],
    });
  });
  it("stops at whole directory names and copes with nothing shared", () => {
    expect(splitCommonDir(["ab/x", "abc/y"])).toEqual({ dir: "", names: ["ab/x", "abc/y"] });
    expect(splitCommonDir(["vmlinuz", "a/initrd"])).toEqual({ dir: "", names: ["vmlinuz", "a/initrd"] });
  });
});
