import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { generateSecretKey } from "./crypto";

/**
 * The key kept next to the console's data when FLEETBOOT_SECRET_KEY is unset: read it, or
 * create it (mode 0600) on first use. Several instances must share one key: set the variable.
 */
export async function localSecretKey(dataDir: string, log: (line: string) => void = () => undefined): Promise<string> {
  const file = path.join(dataDir, "secret.key");
  if (existsSync(file)) return (await readFile(file, "utf8")).trim();
  await mkdir(dataDir, { recursive: true });
  const key = generateSecretKey();
  await writeFile(file, `${key}\n`, { mode: 0o600 });
  log(`generated a secret key for BMC credentials in ${file}; back it up, or set FLEETBOOT_SECRET_KEY`);
  return key;
}
