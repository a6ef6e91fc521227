import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

// A per-boot token: random for every script served, written on the kernel command line,
// and presented by the agent when it reports in. Only its hash is stored, bound to the
// machine's id, and each new script replaces it: a leaked token is useless for another
// machine (different hash input) and for a later boot (the hash was replaced).

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function hashBootToken(machineId: string, token: string): string {
  return createHash("sha256").update(`fleetboot-boot-token:v1:${machineId}:${token}`).digest("hex");
}

export interface IssuedBoot {
  token: string;
  tokenHash: string;
  /** Names this boot in events and deployments (Machine.bootId). */
  bootId: string;
}

// Tokens are cut from a pool of random bytes drawn 4 KB at a time: one call into the CSPRNG
// per 128 tokens instead of one per token (a boot storm issues thousands a second). Each
// byte is used once and wiped once used.
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

function randomToken(): string {
  if (randomOffset + 32 > randomPool.length) {
    randomPool = randomBytes(4096);
    randomOffset = 0;
  }
  const token = randomPool.toString("base64url", randomOffset, randomOffset + 32);
  randomPool.fill(0, randomOffset, randomOffset + 32);
  randomOffset += 32;
  return token;
}

export function issueBootToken(machineId: string): IssuedBoot {
  const token = randomToken();
  return { token, tokenHash: hashBootToken(machineId, token), bootId: randomUUID() };
}

export type TokenCheck = { ok: true } | { ok: false; reason: "malformed" | "no_token_issued" | "mismatch" | "expired" };

export interface TokenHolder {
  id: string;
  bootTokenHash: string | null;
  bootTokenIssuedAt: Date | null;
}

/**
 * Whether `token` is the one issued with this machine's current boot script. `maxAgeMs`
 * bounds how long after the script was served a report is believed; pass `now` from the
 * database clock when comparing against it matters.
 */
export function verifyBootToken(
  machine: TokenHolder,
  token: string,
  options: { maxAgeMs?: number; now?: Date } = {},
): TokenCheck {
  if (!TOKEN.test(token)) return { ok: false, reason: "malformed" };
  if (!machine.bootTokenHash) return { ok: false, reason: "no_token_issued" };
  const expected = Buffer.from(machine.bootTokenHash, "hex");
  const actual = Buffer.from(hashBootToken(machine.id, token), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: "mismatch" };
  if (options.maxAgeMs !== undefined && machine.bootTokenIssuedAt) {
    const age = (options.now ?? new Date()).getTime() - machine.bootTokenIssuedAt.getTime();
    if (age > options.maxAgeMs) return { ok: false, reason: "expired" };
  }
  return { ok: true };
}

/** Stands in for the token in previews, so that looking at a script never rotates a real one. */
export const PLACEHOLDER_TOKEN = "PREVIEW-TOKEN-NOT-ISSUED";
