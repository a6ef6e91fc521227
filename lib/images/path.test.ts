import { describe, expect, it } from "vitest";
import { relativePathProblem } from "./path";

describe("relativePathProblem", () => {
  it.each(["debian-storage/2026.11.0/vmlinuz", "live/filesystem.squashfs", "a/b_c~d+e@f=g,h:i/initrd.img-6.1.0"])("accepts %s", (p) => {
    expect(relativePathProblem(p)).toBeNull();
  });

  it.each([
    ["", "is required"],
    ["/srv/images/vmlinuz", 'remove the leading "/"'],
    ["../etc/passwd", '".."'],
    ["a/../../b", '".."'],
    ["a/./b", '"." as a directory'],
    ["http://mirror/a", "not a URL"],
    ["a b/vmlinuz", "spaces"],
    ["a\tb", "control characters"],
    ["a\nkernel http://evil/x", "control characters"],
    ["a\u0000b", "control characters"],
    ["a?x=1", '"?" or "#"'],
    ["a#frag", '"?" or "#"'],
    ["a//b", '"//"'],
    ["a/b/", '"//" or end in "/"'],
    ["a\\b", 'not "\\"'],
    ["%2e%2e/x", 'not contain "%"'],
    ["${base}/x", 'not contain "$"'],
    ["é/x", 'not contain "é"'],
    ["a".repeat(513), "at most 512"],
  ])("refuses %j (%s)", (p, words) => {
    expect(relativePathProblem(p)).toContain(words);
  });
});
