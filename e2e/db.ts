import { readFile } from "node:fs/promises";
import pg from "pg";

/**
 * The e2e server's embedded database, for what no API may do: report a booted version by
 * hand, or hold data the console refuses today but older versions stored.
 */
export async function e2eDatabase(): Promise<pg.Client> {
  const { password } = JSON.parse(await readFile(".data/e2e/postgres-credentials.json", "utf8"));
  const port = (await readFile(".data/e2e/postgres/postmaster.pid", "utf8")).split("\n")[3].trim();
  const client = new pg.Client({ connectionString: `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/fleetboot` });
  await client.connect();
  return client;
}
