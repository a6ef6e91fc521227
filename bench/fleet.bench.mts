// The Fleet page, the homogeneity API, the drift lists, the trend and the rack view at
// 100,000 machines in 20 roles and 200 racks, with three deployments per machine (a boot
// history of ~300,000 rows) so that the trend has real work to do.
// Run: npx tsx --tsconfig tsconfig.json bench/fleet.bench.mts
import pg from "pg";
import { GET as homogeneityGet } from "@/app/api/fleet/homogeneity/route";
import { GET as driftCsvGet } from "@/app/api/fleet/drift.csv/route";
import { disconnectDb } from "@/lib/db";
import { countDrift, groupDriftByRole, listDrift } from "@/lib/fleet/drift-queries";
import { countMachineStates, getFleetHomogeneity } from "@/lib/fleet/queries";
import { getRackView } from "@/lib/fleet/rack-queries";
import { driftListQuery, rackQuery, trendQuery } from "@/lib/fleet/schema";
import { getConvergenceTrend } from "@/lib/fleet/trend-queries";
import { listRacks, listRoleNames } from "@/lib/machines/queries";
import { benchDatabase, seedFleet } from "./fixtures";
import { measure } from "./measure";

const MACHINES = Number(process.env.BENCH_MACHINES ?? 100_000);
const TOKEN = "bench-admin-token-0123456789abcdef";

/** Boot history: 1.0 fifty days ago, 1.1 twenty-five days ago, then the booted version at the last boot. */
async function seedHistory(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`UPDATE image_versions SET sha256 = repeat(md5(version), 2)`);
    // Registered before their boot history begins.
    await c.query(`
      UPDATE machines SET
        created_at = now() - interval '90 days',
        last_boot_at = CASE WHEN booted_version_id IS NULL THEN NULL ELSE now() - (substr(hostname, 6)::int % 45) * interval '1 day' - interval '1 hour' END,
        booted_image_sha256 = CASE WHEN substr(hostname, 6)::int % 97 = 0 THEN repeat('0', 64)
                                   ELSE (SELECT sha256 FROM image_versions v WHERE v.id = booted_version_id) END`);
    await c.query(`
      INSERT INTO deployments (id, machine_id, image_version_id, trigger, status, queued_at, finished_at)
      SELECT gen_random_uuid(), m.id, v.id, 'report', 'succeeded', t.at, t.at + interval '3 minutes'
      FROM machines m
      CROSS JOIN LATERAL (VALUES ('1.0', now() - interval '50 days'), ('1.1', now() - interval '25 days')) AS t(version, at)
      JOIN image_versions v ON v.version = t.version
      WHERE m.last_boot_at IS NOT NULL AND m.last_boot_at > t.at`);
    await c.query(`
      INSERT INTO deployments (id, machine_id, image_version_id, trigger, status, queued_at, finished_at)
      SELECT gen_random_uuid(), id, booted_version_id, 'report', 'succeeded', last_boot_at + interval '1 minute', last_boot_at + interval '4 minutes'
      FROM machines WHERE last_boot_at IS NOT NULL`);
    await c.query("ANALYZE");
    const { rows } = await c.query(`SELECT (SELECT count(*) FROM machines)::int AS machines, (SELECT count(*) FROM deployments)::int AS deployments`);
    return rows[0] as { machines: number; deployments: number };
  } finally {
    await c.end();
  }
}

function request(path: string): Request {
  return new Request(`http://bench.test${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
}

const drift = (params: Record<string, string>) => driftListQuery.parse(params);

// Each page case is what that page's server render awaits, all of it.
const CASES: [string, number | null, () => Promise<unknown>][] = [
  ["GET /api/fleet/homogeneity (handler + JSON)", 200, async () => (await homogeneityGet(request("/api/fleet/homogeneity"), undefined)).text()],
  ["Fleet page (homogeneity + states + drift counts)", 500, () => Promise.all([getFleetHomogeneity(), countMachineStates(), countDrift({ days: 30 })])],
  ["Drift page: version, first page of 50", null, () => driftPage({})],
  ["Drift page: version, page 200, sorted by last boot", null, () => driftPage({ sort: "lastBoot", page: "200" })],
  ["Drift page: stale > 30 days, role + rack filter", null, () => driftPage({ kind: "stale", role: "role-07", rack: "r046" })],
  ["Drift page: hash mismatch, sorted by rack desc", null, () => driftPage({ kind: "hash", sort: "rack", dir: "desc" })],
  ["Drift CSV: whole version list, streamed", null, async () => (await driftCsvGet(request("/api/fleet/drift.csv?kind=version"), undefined)).text()],
  ["Racks page: first page, by version", null, () => Promise.all([getRackView(rackQuery.parse({})), listRoleNames()])],
  ["Racks page: least converged first, one role", null, () => Promise.all([getRackView(rackQuery.parse({ sort: "worst", role: "role-03" })), listRoleNames()])],
  ["Trend page: 30 days, all roles", null, () => trendPage({ range: "30d" })],
  ["Trend page: 24 hours, all roles", null, () => trendPage({ range: "24h" })],
  ["Trend page: 30 days, one role", null, () => trendPage({ range: "30d", role: "role-05" })],
];

function driftPage(params: Record<string, string>) {
  const q = drift(params);
  return Promise.all([listDrift(q), groupDriftByRole(q, 100), countDrift(q), listRoleNames(), listRacks()]);
}

function trendPage(params: Record<string, string>) {
  return Promise.all([getConvergenceTrend(trendQuery.parse(params)), listRoleNames()]);
}

const database = await benchDatabase();
process.env.DATABASE_URL = database.url;
process.env.FLEETBOOT_ADMIN_TOKEN = TOKEN;
try {
  await seedFleet(database.url, MACHINES);
  const size = await seedHistory(database.url);
  const csvRows = (await (await driftCsvGet(request("/api/fleet/drift.csv?kind=version"), undefined)).text()).split("\r\n").length - 2;
  console.log(`\n${size.machines.toLocaleString("en")} machines, ${size.deployments.toLocaleString("en")} deployments, version-drift CSV ${csvRows.toLocaleString("en")} rows\n`);
  console.log("| case | median ms | p95 ms | budget |");
  console.log("|---|---:|---:|---:|");
  for (const [name, budget, fn] of CASES) {
    const { median, p95 } = await measure(fn, name.startsWith("Drift CSV") ? 5 : 30, name.startsWith("Drift CSV") ? 1 : 3);
    console.log(`| ${name} | ${median} | ${p95} | ${budget ? `≤ ${budget}${p95 > budget ? " ✗" : " ✓"}` : ""} |`);
  }
} finally {
  await disconnectDb();
  await database.stop();
}
