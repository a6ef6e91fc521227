// The machine list at 1,000 and at 100,000 machines, measured in one run: the ratio shows
// whether filtering, search and cursor pages stay flat as the fleet grows.
import { db, disconnectDb } from "@/lib/db";
import { countMachines, listMachines } from "@/lib/machines/queries";
import { machineListQuery } from "@/lib/machines/schema";
import { encodeSortCursor } from "@/lib/machines/sort";
import { benchDatabase, seedFleet } from "./fixtures";
import { measure } from "./measure";

const SIZES = [1_000, 100_000];

async function deepCursor(): Promise<string> {
  // A cursor ~80% of the way through the fleet.
  const first = await listMachines(machineListQuery.parse({ q: "node-08", limit: 1 }));
  return Buffer.from(first.items[0]?.hostname ?? "node-080000").toString("base64url");
}

const CASES: [string, () => Promise<Record<string, string>>][] = [
  ["first page, no filter", async () => ({})],
  ["role + state filter", async () => ({ role: "role-07", state: "ready" })],
  ["rack filter", async () => ({ rack: "r042" })],
  ["hostname substring", async () => ({ q: "0421" })],
  ["exact MAC (any notation)", async () => ({ q: "5254.0000.0421" })],
  ["IP prefix", async () => ({ q: "10.0.1.4" })],
  ["deep cursor page", async () => ({ cursor: await deepCursor() })],
  ["sorted by last seen, newest first", async () => ({ sort: "lastSeen", dir: "desc" })],
  ["sorted by role, role + state filter", async () => ({ sort: "role", role: "role-07", state: "ready" })],
  ["sorted by IPv4, deep cursor page", async () => ({ sort: "ipv4", cursor: await deepSortedCursor() })],
];

async function deepSortedCursor(): Promise<string> {
  // Where the page ~80% of the way through the fleet in address order starts.
  const [row] = await db.$queryRaw<{ ip: string; hostname: string }[]>`
    SELECT host(ipv4) AS ip, hostname FROM machines WHERE ipv4 IS NOT NULL ORDER BY ipv4, hostname
    OFFSET (SELECT (count(*) * 0.8)::int FROM machines WHERE ipv4 IS NOT NULL) LIMIT 1`;
  return encodeSortCursor({ key: "ipv4", desc: false }, { key: row.ip, hostname: row.hostname });
}

const results: Record<string, Record<number, { median: number; p95: number }>> = {};
for (const size of SIZES) {
  const db = await benchDatabase();
  process.env.DATABASE_URL = db.url;
  await seedFleet(db.url, size);
  for (const [name, params] of CASES) {
    const query = machineListQuery.parse(await params());
    (results[name] ??= {})[size] = await measure(async () => {
      await Promise.all([listMachines(query), countMachines(query)]);
    });
  }
  await disconnectDb();
  await db.stop();
}

console.log("\nMachine list page (100 rows + total count), ms — median / p95\n");
console.log(`| case | ${SIZES.map((s) => `${s.toLocaleString("en")} machines`).join(" | ")} | ratio (median) |`);
console.log(`|---|${SIZES.map(() => "---:").join("|")}|---:|`);
for (const [name, bySize] of Object.entries(results)) {
  const cells = SIZES.map((s) => `${bySize[s].median} / ${bySize[s].p95}`);
  const ratio = (bySize[SIZES[1]].median / bySize[SIZES[0]].median).toFixed(1);
  console.log(`| ${name} | ${cells.join(" | ")} | ${ratio}× |`);
}
