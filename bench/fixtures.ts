import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { applyMigrations } from "@/lib/db/migrate";

/** A fresh, migrated embedded PostgreSQL for one benchmark run. */
export async function benchDatabase() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "fleetboot-bench-"));
  const server = await startEmbeddedPostgres({ dataDir: dir, persistent: false });
  await applyMigrations(server.url);
  return {
    url: server.url,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `count` machines in `roles` roles over 200 racks, with varied states, booted versions
 * and one MAC each, inserted with set-based SQL (seconds for 100,000).
 */
export async function seedFleet(url: string, count: number, roles = 20): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("BEGIN");
    await c.query(`INSERT INTO images (id, name, updated_at) VALUES (gen_random_uuid(), 'bench-image', now())`);
    await c.query(`
      INSERT INTO image_versions (id, image_id, version, kernel_path, initrd_path, squashfs_path)
      SELECT gen_random_uuid(), i.id, v, v || '/vmlinuz', v || '/initrd.img', v || '/filesystem.squashfs'
      FROM images i, (VALUES ('1.0'), ('1.1'), ('1.2')) AS t(v)`);
    await c.query(`
      INSERT INTO roles (id, name, desired_version_id, updated_at)
      SELECT gen_random_uuid(), 'role-' || lpad(r::text, 2, '0'), (SELECT id FROM image_versions WHERE version = '1.2'), now()
      FROM generate_series(1, $1::int) r`, [roles]);
    await c.query(`
      WITH r AS (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM roles),
           v AS (SELECT id, row_number() OVER (ORDER BY version) - 1 AS n FROM image_versions)
      INSERT INTO machines (id, hostname, role_id, rack, state, ipv4, booted_version_id, last_seen_at, updated_at)
      SELECT gen_random_uuid(),
             'node-' || lpad(i::text, 6, '0'),
             (SELECT id FROM r WHERE r.n = i % $2),
             'r' || lpad((i % 200)::text, 3, '0'),
             (ARRAY['ready','ready','ready','ready','deploying','booting','failed','new','rebooting'])[1 + i % 9]::"MachineState",
             '10.0.0.0'::inet + i,
             CASE WHEN i % 9 = 7 THEN NULL ELSE (SELECT id FROM v WHERE v.n = i % 3) END,
             now() - (i % 3600) * interval '1 second',
             now()
      FROM generate_series(1, $1::int) i`, [count, roles]);
    await c.query(`
      INSERT INTO interfaces (id, machine_id, mac)
      SELECT gen_random_uuid(), m.id,
             regexp_replace('5254' || lpad(to_hex(substr(m.hostname, 6)::int), 8, '0'), '(..)(?!$)', '\\1:', 'g')
      FROM machines m`);
    await c.query("COMMIT");
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
}
