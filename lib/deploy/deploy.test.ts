import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startWorkers, stopWorkers } from "@/lib/jobs/workers";
import { useTestDatabase } from "@/lib/testing/db";
import { queueDeployment } from "./mutations";

useTestDatabase();
const markers = mkdtempSync(path.join(os.tmpdir(), "fb-deploy-"));

// A real ansible-playbook (Debian ansible-core) against the local host.
function command() {
  return ["ansible-playbook", "-i", "{ip},", "-c", "local", "{playbook}", "-e", "fleetboot_hostname={hostname}", "-e", "fleetboot_role={role}", "-e", "fleetboot_image={image}", "-e", `marker_dir=${markers}`];
}

let n = 0;
async function machineWithRole(name: string, playbook: string) {
  n++;
  const image = await db.image.create({ data: { name: `img-${name}` } });
  const version = await db.imageVersion.create({ data: { imageId: image.id, version: "1.0", kernelPath: "k", initrdPath: "i", squashfsPath: "f.squashfs" } });
  const role = await db.role.create({ data: { name, playbook, deployCommand: command(), desiredVersionId: version.id } });
  const machine = await db.machine.create({ data: { hostname: `${name}-01`, roleId: role.id, ipv4: `127.0.0.${n}`, state: "deploying" } });
  return { machine, version };
}

async function deployAndWait(machineId: string, imageVersionId: string) {
  const d = await db.$transaction((tx) => queueDeployment(tx, { machineId, trigger: "manual", imageVersionId }));
  const end = Date.now() + 90_000;
  for (;;) {
    const row = await db.deployment.findUniqueOrThrow({ where: { id: d.id } });
    if (row.status === "succeeded" || row.status === "failed") return row;
    if (Date.now() > end) throw new Error(`deployment still ${row.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  await startWorkers(() => undefined);
});
afterAll(async () => {
  await stopWorkers();
});

describe("deployments through the job queue", () => {
  it("run the role's playbook with real ansible-playbook and leave the machine ready", async () => {
    const { machine, version } = await machineWithRole("okrole", "lib/deploy/testdata/ok.yml");
    const d = await deployAndWait(machine.id, version.id);
    expect(d.status, d.output).toBe("succeeded");
    expect(d.exitCode).toBe(0);
    expect(d.recap).toMatchObject({ ok: 2, changed: 1, failed: 0, unreachable: 0 });
    expect(d.output).toContain("PLAY RECAP");
    expect(readFileSync(path.join(markers, "okrole-01.deployed"), "utf8")).toBe("role=okrole image=img-okrole:1.0\n");
    expect((await db.machine.findUniqueOrThrow({ where: { id: machine.id } })).state).toBe("ready");
    const kinds = (await db.event.findMany({ where: { machineId: machine.id }, orderBy: { id: "asc" } })).map((e) => e.kind);
    expect(kinds).toEqual(["deploy.queued", "deploy.started", "deploy.succeeded"]);
  });

  it("mark a failing playbook failed and keep its output", async () => {
    const { machine, version } = await machineWithRole("failrole", "lib/deploy/testdata/fail.yml");
    const d = await deployAndWait(machine.id, version.id);
    expect(d.status).toBe("failed");
    expect(d.exitCode).toBe(2);
    expect(d.output).toContain("before the failure");
    expect(d.recap).toMatchObject({ failed: 1 });
    expect((await db.machine.findUniqueOrThrow({ where: { id: machine.id } })).state).toBe("failed");
  });

  it("fail cleanly when the playbook does not exist", async () => {
    const { machine, version } = await machineWithRole("norole", "lib/deploy/testdata/missing.yml");
    const d = await deployAndWait(machine.id, version.id);
    expect(d.status).toBe("failed");
    expect(d.output).toMatch(/could not be found|does not exist/i);
  });
});
