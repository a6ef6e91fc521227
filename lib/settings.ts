import { z } from "zod";
import { parseSecretKey } from "./secrets/crypto";

// Every setting the console reads from its environment; .env.example documents them.
// Checked once at start (scripts/serve.mts, scripts/worker.mts) with a message per bad value.
const cidrList = z
  .string()
  .refine((v) => v.split(",").every((c) => !c.trim() || /^[0-9a-fA-F:.]+\/\d{1,3}$/.test(c.trim())), "must be a comma-separated list of CIDRs")
  .optional();

const settingsSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
    .optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOSTNAME: z.string().min(1).default("0.0.0.0"),
  FLEETBOOT_DATA_DIR: z.string().min(1).default(".data"),
  FLEETBOOT_SEED_DEMO: z.enum(["auto", "always", "never"]).default("auto"),
  FLEETBOOT_ADMIN_TOKEN: z
    .string()
    .min(24, "must be at least 24 characters (e.g. `openssl rand -hex 24`)")
    .optional(),
  FLEETBOOT_SECRET_KEY: z
    .string()
    .refine((v) => parseSecretKey(v) !== undefined, "must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -hex 32`)")
    .optional(),
  FLEETBOOT_WORKERS: z.enum(["on", "off"]).default("on"),
  FLEETBOOT_DEPLOY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  FLEETBOOT_POWER_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(128),
  FLEETBOOT_DEPLOY_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1800),
  FLEETBOOT_BOOTING_TIMEOUT_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  FLEETBOOT_DEPLOY_DIR: z.string().min(1).optional(),
  FLEETBOOT_INITIAL_ADMIN_EMAIL: z.email({ error: "must be an email address" }).optional(),
  FLEETBOOT_INITIAL_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").optional(),
  FLEETBOOT_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "must be the issuer's URL" }).optional(),
  FLEETBOOT_OIDC_CLIENT_ID: z.string().min(1).optional(),
  FLEETBOOT_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  FLEETBOOT_TRUSTED_PROXIES: cidrList,
  FLEETBOOT_BOOT_NETWORKS: cidrList,
  FLEETBOOT_KEA_INTERFACES: z.string().regex(/^(\*|[A-Za-z0-9_.:-]+)(,\s*[A-Za-z0-9_.:-]+)*$/, "must be * or a comma-separated list of interface names").optional(),
  // iPXE builds without HTTPS cannot fetch from an https:// console.
  FLEETBOOT_BOOT_RATE_PER_SECOND: z.coerce.number().int().min(1).max(100_000).optional(),
  FLEETBOOT_PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http:// URL (https:// only if every iPXE has HTTPS)" }).optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export function parseSettings(env: NodeJS.ProcessEnv = process.env):
  | { ok: true; settings: Settings }
  | { ok: false; problems: string[] } {
  const cleaned = Object.fromEntries(
    Object.keys(settingsSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]),
  );
  const result = settingsSchema.safeParse(cleaned);
  if (result.success) return { ok: true, settings: result.data };
  return {
    ok: false,
    problems: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
  };
}

const SETTING_KEYS = Object.keys(settingsSchema.shape);
let lastSettings: { key: string; settings: Settings } | undefined;

/** Settings read at run time by background work; defaults apply to unset values. */
export function runtimeSettings(): Settings {
  // Called per deployment and per boot script: parsed again only when a value changed.
  const key = SETTING_KEYS.map((k) => process.env[k] ?? "").join("\u0000");
  if (lastSettings?.key === key) return lastSettings.settings;
  const parsed = parseSettings();
  if (!parsed.ok) throw new Error(`invalid settings: ${parsed.problems.join("; ")}`);
  lastSettings = { key, settings: parsed.settings };
  return parsed.settings;
}

/** For the console's entry points: the settings, or a message per bad value and exit 2. */
export function settingsOrExit(): Settings {
  const parsed = parseSettings();
  if (parsed.ok) return parsed.settings;
  console.error("[fleetboot] invalid settings (see .env.example):");
  for (const p of parsed.problems) console.error(`  - ${p}`);
  process.exit(2);
}
