import { describe, expect, it } from "vitest";
import { imageCreateSchema, imageVersionRef, splitVersionRef, versionCreateSchema, versionUpdateSchema } from "./schema";

const minimal = { version: "2026.11.0", kernelPath: "d/vmlinuz", initrdPath: "d/initrd.img", squashfsPath: "d/filesystem.squashfs" };

function errors(schema: typeof versionCreateSchema | typeof versionUpdateSchema, body: unknown): Record<string, string> {
  const r = schema.safeParse(body);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("image schemas", () => {
  it("takes an image name with dots and underscores, lower-cased", () => {
    expect(imageCreateSchema.parse({ name: " Debian_12.live " })).toEqual({ name: "debian_12.live" });
    expect(imageCreateSchema.safeParse({ name: "-debian" }).success).toBe(false);
  });

  it("needs no more than a version and three paths", () => {
    expect(versionCreateSchema.parse(minimal)).toEqual(minimal);
  });

  it("lower-cases sha256 and keeps sizes as bigints, from JSON numbers or form digits", () => {
    const out = versionCreateSchema.parse({ ...minimal, sha256: "AB".repeat(32), sizeBytes: 180_000_000 });
    expect(out).toMatchObject({ sha256: "ab".repeat(32), sizeBytes: 180_000_000n });
    expect(versionCreateSchema.parse({ ...minimal, sizeBytes: "9223372036854775807" }).sizeBytes).toBe(9_223_372_036_854_775_807n);
  });

  it("names every bad field", () => {
    const e = errors(versionCreateSchema, {
      version: "../x",
      kernelPath: "/boot/vmlinuz",
      initrdPath: "a/../initrd",
      squashfsPath: "d/filesystem.img",
      sha256: "abc",
      sizeBytes: 1.5,
      status: "beta",
    });
    expect(Object.keys(e).sort()).toEqual(["initrdPath", "kernelPath", "sha256", "sizeBytes", "squashfsPath", "status", "version"]);
    expect(e.squashfsPath).toContain("must end in .squashfs");
    expect(e.kernelPath).toContain("leading");
  });

  it("refuses sizes that are not positive or do not fit a bigint column", () => {
    expect(errors(versionCreateSchema, { ...minimal, sizeBytes: 0 }).sizeBytes).toContain("more than 0");
    expect(errors(versionCreateSchema, { ...minimal, sizeBytes: "-5" }).sizeBytes).toContain("whole number");
    expect(errors(versionCreateSchema, { ...minimal, sizeBytes: "9223372036854775808" }).sizeBytes).toContain("too large");
    expect(errors(versionCreateSchema, { ...minimal, sizeBytes: 1e300 }).sizeBytes).toContain("too large");
    expect(errors(versionCreateSchema, { ...minimal, sizeBytes: "12345678901234567890" }).sizeBytes).toContain("too large");
    expect(errors(versionCreateSchema, { ...minimal, sizeBytes: 1.5 }).sizeBytes).toContain("whole number");
  });

  it.each(["2026.11.0", "1.0+git20261101", "v2_rc-1", "a".repeat(64)])("accepts version label %s", (version) => {
    expect(errors(versionCreateSchema, { ...minimal, version })).toEqual({});
  });

  it.each(["", ".", "..", "-1", "1 0", "1/0", "a".repeat(65), "1:0"])("refuses version label %j", (version) => {
    expect(errors(versionCreateSchema, { ...minimal, version })).toHaveProperty("version");
  });

  it("clears sha256, size and notes on update with null", () => {
    expect(versionUpdateSchema.parse({ sha256: null, sizeBytes: null, notes: null })).toEqual({ sha256: null, sizeBytes: null, notes: "" });
  });
});

describe("image version references", () => {
  it("splits at the colon and lower-cases the image", () => {
    expect(splitVersionRef("Debian-Storage:2026.11.0")).toEqual({ image: "debian-storage", version: "2026.11.0" });
    expect(splitVersionRef("debian-storage")).toBeNull();
    expect(splitVersionRef("debian:")).toBeNull();
  });

  it("accepts image:version or an id, and says how to write it otherwise", () => {
    expect(imageVersionRef.parse(" debian:1.0 ")).toBe("debian:1.0");
    expect(imageVersionRef.parse("0F0E0D0C-0000-4000-8000-000000000000")).toBe("0f0e0d0c-0000-4000-8000-000000000000");
    const r = imageVersionRef.safeParse("2026.11.0");
    expect(r.error?.issues[0].message).toContain('"<image>:<version>"');
  });
});
