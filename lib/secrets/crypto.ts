import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// Secrets at rest (BMC passwords) are sealed with AES-256-GCM under FLEETBOOT_SECRET_KEY.
// The format carries a version so the algorithm or key can be rotated later.
const VERSION = "v1";

export function parseSecretKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const key = /^[0-9a-f]{64}$/i.test(v) ? Buffer.from(v, "hex") : Buffer.from(v, "base64");
  return key.length === 32 ? key : undefined;
}

function keyOrThrow(): Buffer {
  const key = parseSecretKey(process.env.FLEETBOOT_SECRET_KEY);
  if (!key) throw new Error("FLEETBOOT_SECRET_KEY is not set to 32 bytes (64 hex digits or base64)");
  return key;
}

export function sealSecret(plain: string, key: Buffer = keyOrThrow()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function openSecret(sealed: string, key: Buffer = keyOrThrow()): string {
  const [version, payload] = sealed.split(":", 2);
  if (version !== VERSION || !payload) throw new Error("unknown secret format");
  const raw = Buffer.from(payload, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

export function generateSecretKey(): string {
  return randomBytes(32).toString("hex");
}
