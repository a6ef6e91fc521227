// DHCP config rendering for 10,000 machines: the query, each pure renderer (validation
// included), and both together, as the API and scripts/dhcp-render.mts run them.
// Target (issue 4): query + render ≤ 0.5 s per format.
//   npx tsx --tsconfig tsconfig.json bench/dhcp.bench.mts [machines]
import pg from "pg";
import { disconnectDb } from "@/lib/db";
import { buildDhcpConfig } from "@/lib/dhcp/build";
import { DHCP_FORMATS } from "@/lib/dhcp/model";
import { loadDhcpFleet } from "@/lib/dhcp/queries";
import { renderDhcpConfig } from "@/lib/dhcp/render";
import { benchDatabase, seedFleet } from "./fixtures";
import { measure } from "./measure";

const MACHINES = Number(process.argv[2] ?? 10_000);

/** seedFleet numbers machines from 10.0.0.1 up; declare subnets that hold them. */
async function addSubnets(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`
    INSERT INTO subnets (id, name, cidr, gateway, dns, domain, pool_start, pool_end, next_server, updated_at) VALUES
      (gen_random_uuid(), 'bench-a', '10.0.0.0/16', '10.0.255.254', '{10.0.255.252,10.0.255.253}', 'bench.example.net', '10.0.200.0', '10.0.250.255', '10.0.255.250', now()),
      (gen_random_uuid(), 'bench-b', '10.1.0.0/24', '10.1.0.1', '{}', NULL, '10.1.0.100', '10.1.0.200', '10.1.0.10', now()),
      (gen_random_uuid(), 'bench-c', '10.2.0.0/24', NULL, '{}', NULL, NULL, NULL, NULL, now())`);
  await c.query(`UPDATE machines SET subnet_id = (SELECT id FROM subnets WHERE name = 'bench-a')`);
  await c.query("ANALYZE");
  await c.end();
}

const db = await benchDatabase();
process.env.DATABASE_URL = db.url;
process.env.FLEETBOOT_PUBLIC_URL = "http://10.0.255.251:3000";
try {
  await seedFleet(db.url, MACHINES);
  await addSubnets(db.url);
  const fleet = await loadDhcpFleet();
  const options = { chainUrl: "http://10.0.255.251:3000/api/boot/ipxe", keaInterfaces: ["*"] };
  const rows: string[] = [];
  const query = await measure(() => loadDhcpFleet(), 20);
  rows.push(`| query (${fleet.hosts.length.toLocaleString("en")} hosts, ${fleet.subnets.length} subnets) | — | ${query.median} | ${query.p95} |`);
  for (const format of DHCP_FORMATS) {
    const size = renderDhcpConfig(format, fleet, options).text.length;
    const render = await measure(async () => renderDhcpConfig(format, fleet, options), 20);
    const both = await measure(() => buildDhcpConfig(format, {}), 20);
    rows.push(`| ${format}: validate + render | ${(size / 1024).toFixed(0)} KiB | ${render.median} | ${render.p95} |`);
    rows.push(`| ${format}: query + validate + render + ETag | | ${both.median} | ${both.p95} |`);
  }
  console.log(`\nDHCP configs for ${MACHINES.toLocaleString("en")} machines, ms (target: query + render ≤ 500)\n`);
  console.log("| step | size | median | p95 |\n|---|---:|---:|---:|");
  for (const r of rows) console.log(r);
} finally {
  await disconnectDb();
  await db.stop();
}
