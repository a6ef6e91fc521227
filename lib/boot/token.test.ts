import { describe, expect, it } from "vitest";
import { hashBootToken, issueBootToken, verifyBootToken } from "./token";

const A = "0a7b2a9e-2c6e-4a43-9d51-1b1f1f0a0001";
const B = "0a7b2a9e-2c6e-4a43-9d51-1b1f1f0a0002";

describe("boot tokens", () => {
  it("accepts the token issued for this machine's current boot", () => {
    const issued = issueBootToken(A);
    expect(issued.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.tokenHash).not.toContain(issued.token);
    expect(verifyBootToken({ id: A, bootTokenHash: issued.tokenHash, bootTokenIssuedAt: new Date() }, issued.token)).toEqual({ ok: true });
  });

  it("rejects a token presented for another machine, even one that holds the same hash", () => {
    const issued = issueBootToken(A);
    expect(verifyBootToken({ id: B, bootTokenHash: issued.tokenHash, bootTokenIssuedAt: new Date() }, issued.token)).toEqual({ ok: false, reason: "mismatch" });
    const other = issueBootToken(B);
    expect(verifyBootToken({ id: B, bootTokenHash: other.tokenHash, bootTokenIssuedAt: new Date() }, issued.token).ok).toBe(false);
  });

  it("rejects the token of an earlier boot once the next script was served", () => {
    const first = issueBootToken(A);
    const second = issueBootToken(A);
    const machine = { id: A, bootTokenHash: second.tokenHash, bootTokenIssuedAt: new Date() };
    expect(verifyBootToken(machine, first.token)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifyBootToken(machine, second.token)).toEqual({ ok: true });
    expect(first.bootId).not.toBe(second.bootId);
  });

  it("rejects malformed tokens, machines with no token, and tokens past their age", () => {
    const issued = issueBootToken(A);
    const machine = { id: A, bootTokenHash: issued.tokenHash, bootTokenIssuedAt: new Date("2026-01-01T00:00:00Z") };
    expect(verifyBootToken(machine, "short").ok).toBe(false);
    expect(verifyBootToken(machine, `${issued.token} `)).toEqual({ ok: false, reason: "malformed" });
    expect(verifyBootToken({ ...machine, bootTokenHash: null }, issued.token)).toEqual({ ok: false, reason: "no_token_issued" });
    const now = new Date("2026-01-01T02:00:00Z");
    expect(verifyBootToken(machine, issued.token, { maxAgeMs: 3_600_000, now })).toEqual({ ok: false, reason: "expired" });
    expect(verifyBootToken(machine, issued.token, { maxAgeMs: 3 * 3_600_000, now })).toEqual({ ok: true });
  });

  it("never issues the same token twice, across refills of its random pool", () => {
    const tokens = Array.from({ length: 1000 }, () => issueBootToken(A).token);
    expect(new Set(tokens).size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("hashes with the machine id bound in", () => {
    expect(hashBootToken(A, "t")).not.toBe(hashBootToken(B, "t"));
  });
});
