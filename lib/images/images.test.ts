import { describe, expect, it } from "vitest";
import { DELETE, GET as getImage, PATCH } from "@/app/api/images/[id]/route";
import { GET, POST } from "@/app/api/images/route";
import { POST as postVersion } from "@/app/api/images/[id]/versions/route";
import { db } from "@/lib/db";
import { apiRequest, params, useTestDatabase, ADMIN_TOKEN } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;

const post = (body: unknown) => POST(apiRequest("/api/images", { method: "POST", body }), undefined);
const get = (id: string) => getImage(apiRequest(`/api/images/${id}`), params({ id }));
const del = (id: string) => DELETE(apiRequest(`/api/images/${id}`, { method: "DELETE" }), params({ id }));

describe("/api/images", () => {
  it("creates an image from a name alone and audits it", async () => {
    const res = await post({ name: "Debian-Storage" });
    expect(res.status).toBe(201);
    const image = await res.json();
    expect(image).toMatchObject({ name: "debian-storage", description: "", versions: [] });
    expect((await db.auditEntry.findFirst({ where: { targetId: image.id } }))?.action).toBe("image.create");
  });

  it("rejects a bad name with a field error and writes nothing", async () => {
    const before = await db.image.count();
    const res = await post({ name: "Not An Image" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details.fields.map((f: { path: string }) => f.path)).toEqual(["name"]);
    expect(await db.image.count()).toBe(before);
  });

  it("answers a duplicate name with 409, on create and on rename", async () => {
    await post({ name: "dup-a" });
    await post({ name: "dup-b" });
    const res = await post({ name: "dup-a" });
    expect(res.status).toBe(409);
    expect((await res.json()).error).toMatchObject({ code: "conflict", message: "an image named dup-a already exists" });
    expect((await PATCH(apiRequest("/api/images/dup-b", { method: "PATCH", body: { name: "dup-a" } }), params({ id: "dup-b" }))).status).toBe(409);
  });

  it("reads, updates and deletes by name as well as by id", async () => {
    const image = await (await post({ name: "edit-me" })).json();
    expect((await get(image.id)).status).toBe(200);
    const patched = await PATCH(apiRequest("/api/images/edit-me", { method: "PATCH", body: { description: "Debian 12 live" } }), params({ id: "edit-me" }));
    expect(await patched.json()).toMatchObject({ name: "edit-me", description: "Debian 12 live" });
    expect((await del("EDIT-ME")).status).toBe(204);
    expect((await get("edit-me")).status).toBe(404);
    expect((await (await get("edit-me")).json()).error.message).toBe('no image "edit-me"');
  });

  it("refuses to delete an image that still has versions, naming them", async () => {
    await post({ name: "versioned" });
    const version = { version: "1.0", kernelPath: "v/vmlinuz", initrdPath: "v/initrd.img", squashfsPath: "v/fs.squashfs" };
    await postVersion(apiRequest("/api/images/versioned/versions", { method: "POST", body: version }), params({ id: "versioned" }));
    const res = await del("versioned");
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toBe("image versioned still has 1 version (1.0); delete them first");
    expect(await db.image.findUnique({ where: { name: "versioned" } })).not.toBeNull();
  });

  it("lists images with their versions", async () => {
    const { items } = await (await GET(apiRequest("/api/images"), undefined)).json();
    expect(items.find((i: { name: string }) => i.name === "versioned").versions.map((v: { ref: string }) => v.ref)).toEqual(["versioned:1.0"]);
  });

  it("requires a bearer token", async () => {
    expect((await GET(apiRequest("/api/images", { token: null }), undefined)).status).toBe(401);
    expect((await POST(apiRequest("/api/images", { method: "POST", body: { name: "x" }, token: "nope" }), undefined)).status).toBe(401);
  });
});
