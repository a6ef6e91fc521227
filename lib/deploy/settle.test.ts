import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/testing/db";
import { claimDeployment, finishDeployment } from "./mutations";

useTestDatabase();

async function waitingOnLock(client: pg.Client, pid: number): Promise<boolean> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await client.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> $1", [pid]);
    if (rows.length) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

describe("the end of a deployment", () => {
  it("leaves a machine that booted again meanwhile alone, even when the newer boot commits while the end waits for the row", async () => {
    const machine = await db.machine.create({ data: { hostname: "settle-race", state: "deploying", bootId: "boot-a" } });
    const old = await db.deployment.create({ data: { machineId: machine.id, trigger: "report", bootId: "boot-a" } });
    const claim = await claimDeployment(old.id, ["true"]);
    expect(claim).not.toBeNull();

    // The machine reboots (script for boot B) and reports in (its deployment queued): a
    // transaction that holds the machine's row while the old deployment ends.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const { rows: [{ pid }] } = await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await other.query("BEGIN");
      await other.query("UPDATE machines SET boot_id = 'boot-b', state = 'deploying' WHERE id = $1", [machine.id]);
      await other.query("INSERT INTO deployments (id, machine_id, trigger, boot_id) VALUES (gen_random_uuid(), $1, 'report', 'boot-b')", [machine.id]);
      // The old deployment's end starts now (its snapshot cannot see boot B's deployment)
      // and waits for the row.
      const finished = finishDeployment(old.id, claim!, { succeeded: true, exitCode: 0, recap: null, output: "" });
      const watcher = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await watcher.connect();
      try {
        expect(await waitingOnLock(watcher, pid)).toBe(true);
      } finally {
        await watcher.end();
      }
      await other.query("COMMIT");
      expect(await finished).toBe(true);
    } finally {
      await other.end();
    }

    const after = await db.machine.findUniqueOrThrow({ where: { id: machine.id } });
    // Boot B's deployment is still to run: the machine is deploying, not ready.
    expect(after).toMatchObject({ bootId: "boot-b", state: "deploying" });
    expect(await db.deployment.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({ status: "succeeded" });
    expect(await db.event.count({ where: { machineId: machine.id, kind: "deploy.succeeded" } })).toBe(1);
  });
});
