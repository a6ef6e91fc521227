import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getVersion, PATCH } from "@/app/api/images/[id]/versions/[version]/route";
import { GET, POST } from "@/app/api/images/[id]/versions/route";
import { db } from "@/lib/db";
import { apiRequest, params, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const IMAGE = "debian-storage";
const paths = (v: string) => ({ kernelPath: `${IMAGE}/${v}/vmlinuz`, initrdPath: `${IMAGE}/${v}/initrd.img`, squashfsPath: `${IMAGE}/${v}/filesystem.squashfs` });
const post = (body: unknown, image = IMAGE) => POST(apiRequest(`/api/images/${image}/versions`, { method: "POST", body }), params({ id: image }));
const at = (version: string) => params({ id: IMAGE, version });
const get = (version: string) => getVersion(apiRequest(`/api/images/${IMAGE}/versions/${version}`), at(version));
const patch = (version: string, body: unknown) => PATCH(apiRequest(`/api/images/${IMAGE}/versions/${version}`, { method: "PATCH", body }), at(version));
const del = (version: string) => DELETE(apiRequest(`/api/images/${IMAGE}/versions/${version}`, { method: "DELETE" }), at(version));

beforeAll(async () => {
  await db.image.create({ data: { name: IMAGE } });
});

describe("/api/images/:id/versions", () => {
  it("adds a version from a label and three paths, as a candidate, and audits it", async () => {
    const res = await post({ version: "2026.11.0", ...paths("2026.11.0") });
    expect(res.status).toBe(201);
    const v = await res.json();
    expect(v).toMatchObject({ image: IMAGE, version: "2026.11.0", ref: `${IMAGE}:2026.11.0`, status: "candidate", sha256: null, sizeBytes: null, notes: "" });
    expect((await db.auditEntry.findFirst({ where: { targetId: v.id } }))?.action).toBe("image_version.create");
  });

  it("stores sizes as bigints and answers them as numbers, or strings beyond 2^53, and lower-cases sha256", async () => {
    const small = await (await post({ version: "small", ...paths("small"), sizeBytes: 183_500_800, sha256: "AB".repeat(32) })).json();
    expect(small).toMatchObject({ sizeBytes: 183_500_800, sha256: "ab".repeat(32) });
    const huge = await (await post({ version: "huge", ...paths("huge"), sizeBytes: "9007199254740993" })).json();
    expect(huge.sizeBytes).toBe("9007199254740993");
    const audit = await db.auditEntry.findFirst({ where: { targetId: huge.id } });
    expect((audit?.changes as { sizeBytes: unknown }).sizeBytes).toBe("9007199254740993");
    const listed = await (await GET(apiRequest(`/api/images/${IMAGE}/versions`), params({ id: IMAGE }))).json();
    expect(listed.items.map((i: { version: string }) => i.version)).toEqual(expect.arrayContaining(["small", "huge"]));
  });

  it("refuses absolute paths, .., URLs and a squashfs not named .squashfs, and writes nothing", async () => {
    const before = await db.imageVersion.count();
    const res = await post({ version: "bad", kernelPath: "/boot/vmlinuz", initrdPath: "x/../../initrd.img", squashfsPath: "x/filesystem.img" });
    expect(res.status).toBe(400);
    const fields = Object.fromEntries((await res.json()).error.details.fields.map((f: { path: string; message: string }) => [f.path, f.message]));
    expect(fields).toEqual({
      kernelPath: 'Kernel path must be relative: remove the leading "/"',
      initrdPath: expect.stringContaining('".."'),
      squashfsPath: expect.stringContaining("must end in .squashfs"),
    });
    expect((await post({ version: "url", ...paths("url"), kernelPath: "http://evil/vmlinuz" })).status).toBe(400);
    expect(await db.imageVersion.count()).toBe(before);
  });

  it("answers a duplicate label with 409 naming it, and 404 for an unknown image", async () => {
    await post({ version: "dup", ...paths("dup") });
    const res = await post({ version: "dup", ...paths("dup") });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(`image ${IMAGE} already has a version dup`);
    const missing = await post({ version: "1", ...paths("1") }, "no-such-image");
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe('no image "no-such-image"');
  });

  it("reads, updates and deletes one version by label or by id", async () => {
    const v = await (await post({ version: "1.0+rc1", ...paths("rc") })).json();
    expect((await (await get(v.id)).json()).version).toBe("1.0+rc1");
    const res = await patch("1.0+rc1", { status: "stable", notes: "burned in on r01", sha256: "0".repeat(64) });
    expect(await res.json()).toMatchObject({ status: "stable", notes: "burned in on r01", sha256: "0".repeat(64) });
    expect(await (await patch("1.0+rc1", { sha256: null, notes: null })).json()).toMatchObject({ sha256: null, notes: "" });
    expect((await patch("1.0+rc1", { squashfsPath: "x/y.img" })).status).toBe(400);
    expect((await patch("1.0+rc1", { version: "dup" })).status).toBe(409);
    expect((await del(v.id)).status).toBe(204);
    expect((await get("1.0+rc1")).status).toBe(404);
  });

  it("refuses to delete a version a role desires or machines booted, saying which, and deletes nothing", async () => {
    const v = await (await post({ version: "in-use", ...paths("in-use") })).json();
    const role = await db.role.create({ data: { name: "storage", desiredVersionId: v.id } });
    const res = await del("in-use");
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(`${IMAGE}:in-use is still in use: it is the desired version of role storage`);

    await db.machine.createMany({ data: ["st-01", "st-02", "st-03", "st-04"].map((hostname) => ({ hostname, bootedVersionId: v.id })) });
    await db.role.update({ where: { id: role.id }, data: { desiredVersionId: null } });
    const booted = await del("in-use");
    expect(booted.status).toBe(409);
    expect((await booted.json()).error.message).toBe(`${IMAGE}:in-use is still in use: 4 machines last booted it (st-01, st-02, st-03, …)`);
    expect(await db.imageVersion.findUnique({ where: { id: v.id } })).not.toBeNull();
    expect(await db.auditEntry.count({ where: { targetId: v.id, action: "image_version.delete" } })).toBe(0);

    const shown = await (await get("in-use")).json();
    expect(shown).toMatchObject({ desiredBy: [], bootedMachines: 4 });
  });

  it("refuses to delete a version a rollout targets", async () => {
    const v = await (await post({ version: "rolling", ...paths("rolling") })).json();
    await db.rollout.create({ data: { selector: { role: "storage" }, targetVersionId: v.id } });
    const res = await del("rolling");
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe(`${IMAGE}:rolling is still in use: 1 rollout targets it`);
  });

  it("requires a bearer token", async () => {
    expect((await GET(apiRequest(`/api/images/${IMAGE}/versions`, { token: null }), params({ id: IMAGE }))).status).toBe(401);
    expect((await DELETE(apiRequest(`/api/images/${IMAGE}/versions/dup`, { method: "DELETE", token: "x" }), at("dup"))).status).toBe(401);
  });
});
