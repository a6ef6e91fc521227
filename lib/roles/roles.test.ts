import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getRole, PATCH } from "@/app/api/roles/[id]/route";
import { GET, POST } from "@/app/api/roles/route";
import { db } from "@/lib/db";
import { apiRequest, params, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const post = (body: unknown) => POST(apiRequest("/api/roles", { method: "POST", body }), undefined);
const patch = (id: string, body: unknown) => PATCH(apiRequest(`/api/roles/${id}`, { method: "PATCH", body }), params({ id }));
const get = (id: string) => getRole(apiRequest(`/api/roles/${id}`), params({ id }));
const del = (id: string) => DELETE(apiRequest(`/api/roles/${id}`, { method: "DELETE" }), params({ id }));
const paths = (v: string) => ({ kernelPath: `d/${v}/vmlinuz`, initrdPath: `d/${v}/initrd.img`, squashfsPath: `d/${v}/filesystem.squashfs` });

beforeAll(async () => {
  await db.image.create({
    data: { name: "debian-storage", versions: { create: [{ version: "2026.10.2", ...paths("2026.10.2") }, { version: "2026.11.0", ...paths("2026.11.0") }] } },
  });
});

describe("/api/roles", () => {
  it("creates a role from a name alone, with defaults, and audits it", async () => {
    const res = await post({ name: "Compute" });
    expect(res.status).toBe(201);
    const role = await res.json();
    expect(role).toMatchObject({ name: "compute", description: "", imageVersion: null, kernelArgs: "", playbook: "", deployVars: {}, deployCommand: [] });
    expect(role.machines).toEqual({ total: 0, byState: {} });
    expect((await db.auditEntry.findFirst({ where: { targetId: role.id } }))?.action).toBe("role.create");
  });

  it("sets the desired version by image:version on POST, changes it on PATCH and clears it with null", async () => {
    const created = await (await post({ name: "storage", imageVersion: "Debian-Storage:2026.10.2" })).json();
    expect(created.imageVersion).toBe("debian-storage:2026.10.2");
    const changed = await (await patch("storage", { imageVersion: "debian-storage:2026.11.0" })).json();
    expect(changed).toMatchObject({ imageVersion: "debian-storage:2026.11.0", imageVersionStatus: "candidate" });
    const audit = await db.auditEntry.findFirst({ where: { targetId: created.id, action: "role.update" } });
    expect(audit?.changes).toEqual({ imageVersion: ["debian-storage:2026.10.2", "debian-storage:2026.11.0"] });
    const byId = await db.imageVersion.findFirstOrThrow({ where: { version: "2026.10.2" } });
    expect((await (await patch(created.id, { imageVersion: byId.id })).json()).imageVersion).toBe("debian-storage:2026.10.2");
    expect((await (await patch("storage", { imageVersion: null })).json()).imageVersion).toBeNull();
    expect((await db.role.findUniqueOrThrow({ where: { name: "storage" } })).desiredVersionId).toBeNull();
  });

  it("names an unknown image or version, and writes nothing", async () => {
    const before = { roles: await db.role.count(), audits: await db.auditEntry.count() };
    const noVersion = await post({ name: "ghost", imageVersion: "debian-storage:9.9.9" });
    expect(noVersion.status).toBe(400);
    const body = await noVersion.json();
    expect(body.error.message).toBe('image debian-storage has no version "9.9.9"; it has 2026.11.0, 2026.10.2');
    expect(body.error.details.fields).toEqual([{ path: "imageVersion", message: body.error.message }]);
    expect((await (await post({ name: "ghost", imageVersion: "nope:1" })).json()).error.message).toBe('no image "nope" (in nope:1)');
    const bad = await post({ name: "ghost", imageVersion: "2026.11.0" });
    expect((await bad.json()).error.details.fields[0].path).toBe("imageVersion");
    expect({ roles: await db.role.count(), audits: await db.auditEntry.count() }).toEqual(before);
  });

  it("leaves a role untouched when one field of a PATCH fails", async () => {
    await post({ name: "atomic", description: "before" });
    const res = await patch("atomic", { description: "after", imageVersion: "debian-storage:0.0.0" });
    expect(res.status).toBe(400);
    expect((await (await get("atomic")).json()).description).toBe("before");
  });

  it("validates the deploy command: known placeholders pass, an unknown one is named", async () => {
    const argv = ["ansible-playbook", "-i", "{ip},", "-e", "fb_host={hostname} fb_role={role} fb_image={image}", "{playbook}"];
    const ok = await post({ name: "deployer", deployCommand: argv, playbook: "deploy/runtime.yml", deployVars: { raid_level: 10 } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ deployCommand: argv, playbook: "deploy/runtime.yml", deployVars: { raid_level: 10 } });

    const bad = await patch("deployer", { deployCommand: ["ansible-playbook", "{secret}"] });
    expect(bad.status).toBe(400);
    const { error } = await bad.json();
    expect(error.details.fields).toEqual([{ path: "deployCommand.1", message: expect.stringContaining("unknown placeholder {secret}") }]);
    const tooMany = await patch("deployer", { deployCommand: Array(65).fill("x") });
    expect((await tooMany.json()).error.message).toContain("at most 64");
    expect((await patch("deployer", { deployCommand: ["run", "a\u0000b"] })).status).toBe(400);
    expect((await (await get("deployer")).json()).deployCommand).toEqual(argv);
    expect((await (await patch("deployer", { deployCommand: [] })).json()).deployCommand).toEqual([]);
  });

  it("refuses kernel args and playbooks that would break the boot script or the deploy", async () => {
    const res = await post({ name: "broken", kernelArgs: "quiet\nshell", playbook: "../../etc/site.yml", deployVars: [1] });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.details.fields.map((f: { path: string }) => f.path).sort();
    expect(fields).toEqual(["deployVars", "kernelArgs", "playbook"]);
    expect(await db.role.findUnique({ where: { name: "broken" } })).toBeNull();
  });

  it("answers a duplicate name with 409, on create and on rename", async () => {
    await post({ name: "dup-a" });
    await post({ name: "dup-b" });
    const res = await post({ name: "dup-a" });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: "conflict", message: "a role named dup-a already exists" });
    expect((await patch("dup-b", { name: "dup-a" })).status).toBe(409);
  });

  it("refuses to delete a role that has machines, saying which, and deletes nothing", async () => {
    const role = await (await post({ name: "busy" })).json();
    await db.machine.createMany({ data: ["busy-01", "busy-02", "busy-03", "busy-04"].map((hostname) => ({ hostname, roleId: role.id, state: "ready" as const })) });
    expect((await (await get("busy")).json()).machines).toEqual({ total: 4, byState: { ready: 4 } });
    const res = await del("busy");
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe("role busy still has 4 machines (busy-01, busy-02, busy-03, and 1 more); move them to another role or delete them first");
    expect(await db.role.findUnique({ where: { name: "busy" } })).not.toBeNull();
    expect(await db.machine.count({ where: { roleId: role.id } })).toBe(4);
  });

  it("reads, updates and deletes by name as well as by id", async () => {
    const role = await (await post({ name: "by-name" })).json();
    expect((await get(role.id)).status).toBe(200);
    expect((await (await patch("By-Name", { description: "renamed next", name: "by-name-2" })).json()).name).toBe("by-name-2");
    expect((await del("by-name-2")).status).toBe(204);
    expect((await get(role.id)).status).toBe(404);
    expect((await db.auditEntry.findFirst({ where: { targetId: role.id, action: "role.delete" } }))?.changes).toEqual({ name: "by-name-2" });
  });

  it("lists roles with their machine counts", async () => {
    const { items } = await (await GET(apiRequest("/api/roles"), undefined)).json();
    expect(items.find((r: { name: string }) => r.name === "busy").machines.total).toBe(4);
  });

  it("requires a bearer token", async () => {
    expect((await GET(apiRequest("/api/roles", { token: null }), undefined)).status).toBe(401);
    expect((await POST(apiRequest("/api/roles", { method: "POST", body: { name: "x" }, token: "wrong" }), undefined)).status).toBe(401);
    expect((await DELETE(apiRequest("/api/roles/busy", { method: "DELETE", token: null }), params({ id: "busy" }))).status).toBe(401);
  });
});
