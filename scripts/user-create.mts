// npm run user:create -- --email you@example.com --role admin [--name "…"] [--password …]
// Creates a console user. Without --password, one is generated and printed once.
// Uses DATABASE_URL, or the embedded database under FLEETBOOT_DATA_DIR (started if needed).
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { startDatabase } from "../lib/db/start";
import { localSecretKey } from "../lib/secrets/key-file";

const { values } = parseArgs({
  options: { email: { type: "string" }, role: { type: "string", default: "viewer" }, name: { type: "string", default: "" }, password: { type: "string" } },
});
if (!values.email) {
  console.error("usage: npm run user:create -- --email you@example.com --role viewer|operator|admin [--name NAME] [--password PASSWORD]");
  process.exit(2);
}
const dataDir = process.env.FLEETBOOT_DATA_DIR ?? ".data";
const database = await startDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir, log: () => undefined });
process.env.DATABASE_URL = database.url;
process.env.FLEETBOOT_SECRET_KEY ??= await localSecretKey(dataDir);

const { createUser } = await import("../lib/auth/users");
const password = values.password ?? randomBytes(15).toString("base64url");
try {
  const user = await createUser({ email: values.email, name: values.name, role: values.role as "viewer", password }, "npm run user:create");
  console.log(`created ${user.email} (${user.role})`);
  if (!values.password) console.log(`password: ${password}   (shown once; change it after logging in)`);
} catch (err) {
  console.error(`could not create the user: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  const { disconnectDb } = await import("../lib/db");
  await disconnectDb();
  await database.stop();
}
