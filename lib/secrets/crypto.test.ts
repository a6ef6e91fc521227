import { describe, expect, it } from "vitest";
import { generateSecretKey, openSecret, parseSecretKey, sealSecret } from "./crypto";

const key = parseSecretKey(generateSecretKey())!;

describe("sealed secrets", () => {
  it("round-trips and never contains the plain text", () => {
    const sealed = sealSecret("hunter2-bmc", key);
    expect(sealed).not.toContain("hunter2");
    expect(openSecret(sealed, key)).toBe("hunter2-bmc");
    expect(sealSecret("hunter2-bmc", key)).not.toBe(sealed);
  });

  it("refuses a tampered value or another key", () => {
    const sealed = sealSecret("secret", key);
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => openSecret(`v1:${raw.toString("base64")}`, key)).toThrow();
    expect(() => openSecret(sealed, parseSecretKey(generateSecretKey())!)).toThrow();
  });

  it("accepts 32-byte keys only", () => {
    expect(parseSecretKey("ab".repeat(32))).toHaveLength(32);
    expect(parseSecretKey("ab".repeat(16))).toBeUndefined();
    expect(parseSecretKey(undefined)).toBeUndefined();
  });
});
