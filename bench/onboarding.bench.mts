// Onboarding at scale: a 10,000-line paste previewed (dry run) and committed, against a
// fleet that already has 10,000 machines. Targets: preview ≤ 1 s, commit ≤ 3 s.
import pg from "pg";
import { disconnectDb } from "@/lib/db";
import { importMachines } from "@/lib/onboarding/mutations";
import { importRequestSchema } from "@/lib/onboarding/schema";
import { benchDatabase, seedFleet } from "./fixtures";
import { measure } from "./measure";

const FLEET = 10_000;
const LINES = 10_000;

// Every notation an ops engineer pastes, in turn; `batch` keeps each commit's MACs new.
function paste(batch: number): string {
  return Array.from({ length: LINES }, (_, i) => {
    const hex = `5256${batch.toString(16).padStart(2, "0")}${i.toString(16).padStart(6, "0")}`;
    const octets = hex.match(/../g)!;
    return [octets.join(":"), octets.join("-").toUpperCase(), `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`, hex][i % 4];
  }).join("\n");
}

const request = (batch: number, dryRun: boolean) =>
  importRequestSchema.parse({ text: paste(batch), defaults: { role: "role-01", subnet: "bench", rack: `b${batch}` }, dryRun });

const db = await benchDatabase();
process.env.DATABASE_URL = db.url;
await seedFleet(db.url, FLEET);
const c = new pg.Client({ connectionString: db.url });
await c.connect();
await c.query(`INSERT INTO subnets (id, name, cidr, pool_start, pool_end, updated_at) VALUES (gen_random_uuid(), 'bench', '10.64.0.0/16', '10.64.0.10', '10.64.255.250', now())`);
await c.end();

const preview = await measure(async () => {
  const r = await importMachines(request(0, true), "bench");
  if (r.summary.ready !== LINES) throw new Error(`preview: ${r.summary.attention} lines need attention: ${JSON.stringify(r.rows.find((x) => x.status !== "ok"))}`);
}, 10, 2);

let batch = 0;
const commit = await measure(async () => {
  const r = await importMachines(request(++batch, false), "bench");
  if (r.created !== LINES) throw new Error(`commit: created ${r.created}`);
}, 3, 0);

// A preview once the fleet has grown by the committed machines (the counter and the pool skip them).
const previewAfter = await measure(async () => {
  await importMachines(request(99, true), "bench");
}, 5, 1);

await disconnectDb();
await db.stop();

console.log(`\nOnboarding a ${LINES.toLocaleString("en")}-line paste, ms — median / p95\n`);
console.log("| case | median | p95 | target |");
console.log("|---|---:|---:|---:|");
console.log(`| preview (dry run), fleet of ${FLEET.toLocaleString("en")} | ${preview.median} | ${preview.p95} | ≤ 1000 |`);
console.log(`| commit (one transaction), fleet of ${FLEET.toLocaleString("en")}+ | ${commit.median} | ${commit.p95} | ≤ 3000 |`);
console.log(`| preview after ${(batch * LINES).toLocaleString("en")} more machines | ${previewAfter.median} | ${previewAfter.p95} | ≤ 1000 |`);
