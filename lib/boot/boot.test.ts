import { beforeAll, describe, expect, it } from "vitest";
import { GET as beacon, HEAD as beaconHead } from "@/app/api/boot/beacon/route";
import { GET as ipxe, HEAD as ipxeHead } from "@/app/api/boot/ipxe/route";
import { db } from "@/lib/db";
import { apiRequest, useTestDatabase } from "@/lib/testing/db";
import { forgetCachedMirrors } from "./mirror-cache";
import { previewBoot, previewUnknownMac } from "./preview";
import { verifyBootToken } from "./token";

useTestDatabase();

const get = (query: string, headers: Record<string, string> = {}) =>
  ipxe(apiRequest(`/api/boot/ipxe${query}`, { token: null, headers: { "user-agent": "iPXE/1.0.0+git-20190125", "x-forwarded-for": "10.9.0.77", ...headers } }));
const tokenOf = (script: string) => /fleetboot\.token=([A-Za-z0-9_-]+)/.exec(script)?.[1] ?? "";
const bootIdOf = (script: string) => /fleetboot\.boot=([0-9a-f-]+)/.exec(script)?.[1] ?? "";

beforeAll(async () => {
  const image = await db.image.create({ data: { name: "debian-storage" } });
  const v = await db.imageVersion.create({ data: { imageId: image.id, version: "2026.11.0", kernelPath: "s/vmlinuz", initrdPath: "s/initrd.img", squashfsPath: "s/filesystem.squashfs" } });
  const storage = await db.role.create({ data: { name: "storage", desiredVersionId: v.id, kernelArgs: "intel_iommu=on" } });
  const bare = await db.role.create({ data: { name: "bare" } });
  const subnet = await db.subnet.create({ data: { name: "lab", cidr: "10.9.0.0/24", gateway: "10.9.0.1", dns: ["10.9.0.2"] } });
  await db.mirror.createMany({ data: [{ name: "m1", baseUrl: "http://10.9.0.10/img" }, { name: "m2", baseUrl: "http://10.9.0.11/img" }, { name: "off", baseUrl: "http://10.9.0.12/img", enabled: false }] });
  const machine = (hostname: string, mac: string, data: object) =>
    db.machine.create({ data: { hostname, subnetId: subnet.id, interfaces: { create: [{ mac, name: "eno1" }] }, ...data } });
  await machine("stor-01", "52:54:00:0b:00:01", { roleId: storage.id, ipv4: "10.9.0.21", state: "rebooting" });
  await machine("stor-02", "52:54:00:0b:00:02", { roleId: storage.id, ipv4: "10.9.0.22", maintenance: true });
  await machine("norole-01", "52:54:00:0b:00:03", {});
  await machine("bare-01", "52:54:00:0b:00:04", { roleId: bare.id });
  await machine("stor-05", "52:54:00:0b:00:05", { roleId: storage.id });
});

describe("GET /api/boot/ipxe", () => {
  it("without a MAC answers the chain script for the Host the request came in on", async () => {
    const res = await get("");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await res.text()).toMatch(/^#!ipxe\nchain http:\/\/console\.test\/api\/boot\/ipxe\?mac=\$\{net0\/mac\}&uuid=\$\{uuid\}&serial=\$\{serial\}&arch=\$\{buildarch\}&platform=\$\{platform\}/);
  });

  it("boots a registered machine, moves it to booting with a fresh token and records the event", async () => {
    const res = await get("?mac=52%3A54%3A00%3A0b%3A00%3A01&uuid=4c4c4544-0001&serial=To%20be%20filled&arch=x86_64&platform=efi");
    expect(res.status).toBe(200);
    const script = await res.text();
    expect(script.startsWith("#!ipxe\n")).toBe(true);
    expect(script).toMatch(/kernel http:\/\/10\.9\.0\.1[01]\/img\/s\/vmlinuz .*fetch=http:\/\/10\.9\.0\.1[01]\/img\/s\/filesystem\.squashfs/);
    expect(script).toContain("ip=10.9.0.21::10.9.0.1:255.255.255.0:stor-01:eno1:off:10.9.0.2");
    expect(script).toContain("intel_iommu=on");
    expect(script).not.toContain("10.9.0.12");
    const m = await db.machine.findUniqueOrThrow({ where: { hostname: "stor-01" } });
    expect(m.state).toBe("booting");
    expect(Date.now() - m.stateChangedAt.getTime()).toBeLessThan(10_000);
    expect(m.lastBootAt).toEqual(m.stateChangedAt);
    expect(m.bootId).toBe(bootIdOf(script));
    expect(verifyBootToken(m, tokenOf(script))).toEqual({ ok: true });
    const event = await db.event.findFirstOrThrow({ where: { machineId: m.id, kind: "boot.script_served" } });
    expect(event.payload).toMatchObject({ version: "debian-storage:2026.11.0", attempt: 0, arch: "x86_64", platform: "efi", serial: "To be filled", fromState: "rebooting", sourceIp: "10.9.0.77", bootId: m.bootId });
    expect((event.payload as { mirrors: string[] }).mirrors.sort()).toEqual(["m1", "m2"]);
  });

  it("replaces the token on every script, so the earlier one no longer verifies", async () => {
    const before = await db.machine.findUniqueOrThrow({ where: { hostname: "stor-01" } });
    const first = tokenOf(await (await get("?mac=52:54:00:0b:00:01")).text());
    const second = tokenOf(await (await get("?mac=52:54:00:0b:00:01")).text());
    const m = await db.machine.findUniqueOrThrow({ where: { hostname: "stor-01" } });
    expect(verifyBootToken(m, first).ok).toBe(false);
    expect(verifyBootToken(m, second).ok).toBe(true);
    // Still booting: the state did not change again, the boot began when it did (its row
    // changes no indexed column), and each retry moves on in the mirror order.
    expect(m.stateChangedAt).toEqual(before.stateChangedAt);
    expect(m.lastBootAt).toEqual(before.lastBootAt);
    const attempts = (await db.event.findMany({ where: { machineId: m.id, kind: "boot.script_served" }, orderBy: { id: "asc" } })).map((e) => (e.payload as { attempt: number }).attempt);
    expect(attempts).toEqual([0, 1, 2]);
  });

  it.each([
    ["colons", "52:54:00:0B:00:05"],
    ["iPXE's hexhyp", "52-54-00-0b-00-05"],
    ["percent-encoded colons", "52%3a54%3a00%3a0b%3a00%3a05"],
    ["Cisco dots", "5254.000b.0005"],
    ["bare hex", "5254000B0005"],
  ])("accepts a MAC written with %s", async (_what, mac) => {
    const res = await get(`?mac=${mac}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("hostname=stor-05");
  });

  it("holds an unknown MAC and keeps it in the inbox, counting its requests", async () => {
    const res = await get("?mac=52-54-00-0c-00-01&arch=x86_64&platform=pcbios&serial=SN%26x");
    const script = await res.text();
    expect(res.status).toBe(200);
    expect(script).toMatch(/^#!ipxe\n/);
    expect(script).toContain("MAC 52:54:00:0c:00:01 is not registered");
    expect(script).toContain("chain --replace --autofree http://console.test/api/boot/ipxe?mac=${net0/mac}");
    await get("?mac=52:54:00:0c:00:01&uuid=abc");
    const row = await db.unknownMac.findUniqueOrThrow({ where: { mac: "52:54:00:0c:00:01" } });
    expect(row).toMatchObject({ requestCount: 2, arch: "x86_64", platform: "pcbios", serial: "SN&x", uuid: "abc", sourceIp: "10.9.0.77", userAgent: "iPXE/1.0.0+git-20190125" });
    expect(row.lastSeenAt.getTime()).toBeGreaterThan(row.firstSeenAt.getTime());
    const events = await db.event.findMany({ where: { kind: "boot.unknown_mac" } });
    expect(events.map((e) => (e.payload as { mac: string }).mac)).toEqual(["52:54:00:0c:00:01"]);
  });

  it.each([
    ["in maintenance", "52:54:00:0b:00:02", /stor-02 is in maintenance/],
    ["without a role", "52:54:00:0b:00:03", /norole-01 has no role/],
    ["whose role has no desired version", "52:54:00:0b:00:04", /role bare has no desired image version/],
  ])("holds a machine %s and says why, changing nothing", async (_what, mac, reason) => {
    const before = await db.machine.findFirstOrThrow({ where: { interfaces: { some: { mac } } } });
    const res = await get(`?mac=${mac}`);
    expect(res.status).toBe(200);
    const script = await res.text();
    expect(script).toMatch(reason);
    expect(script).not.toContain("kernel ");
    const after = await db.machine.findUniqueOrThrow({ where: { id: before.id } });
    expect(after).toMatchObject({ state: before.state, bootTokenHash: null });
  });

  it("holds every machine when no mirror is enabled", async () => {
    await db.mirror.updateMany({ data: { enabled: false } });
    forgetCachedMirrors();
    try {
      expect(await (await get("?mac=52:54:00:0b:00:05")).text()).toContain("no mirror is enabled");
    } finally {
      await db.mirror.updateMany({ where: { name: { in: ["m1", "m2"] } }, data: { enabled: true } });
      forgetCachedMirrors();
    }
  });

  it.each(["52:54:00:12:34:5", "zz", "", "52:54:00:12:34:56%0Achain%20http://evil"])("answers a malformed MAC %j with 400 text/plain iPXE", async (mac) => {
    const res = await get(`?mac=${mac}`);
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
    const body = await res.text();
    expect(body).toMatch(/^#!ipxe\necho Fleetboot: bad MAC address/);
    expect(body.split("\n").filter((l) => l.startsWith("chain"))).toEqual([]);
  });

  it("answers a MAC given twice with 400 rather than booting one of them", async () => {
    const served = () => db.event.count({ where: { kind: "boot.script_served" } });
    const before = await served();
    const res = await get("?mac=52:54:00:0b:00:05&mac=52:54:00:0b:00:06");
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/^#!ipxe\necho Fleetboot: bad request: mac is given more than once/);
    expect(await served()).toBe(before);
  });

  it("refuses a hostile Host header with an iPXE error script", async () => {
    const res = await ipxe(new Request("http://console.test/api/boot/ipxe", { headers: { host: "x${net0/mac}" } }));
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/^#!ipxe\necho Fleetboot: the request.s Host header is not a plain host/);
  });
});

describe("HEAD on the boot paths", () => {
  it("is refused with 405 and records nothing, where Next.js would otherwise run GET", async () => {
    const before = await db.event.count();
    for (const res of [ipxeHead(), beaconHead()]) {
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, OPTIONS");
    }
    expect(await db.event.count()).toBe(before);
  });
});

describe("a boot storm: requests answered in batches", () => {
  it("gives each concurrent machine its own script and a token that verifies", async () => {
    const macs = ["52:54:00:0b:00:01", "52:54:00:0b:00:05"];
    const scripts = await Promise.all(macs.map(async (m) => (await get(`?mac=${m}`)).text()));
    for (const [i, hostname] of ["stor-01", "stor-05"].entries()) {
      expect(scripts[i]).toContain(`hostname=${hostname}`);
      const m = await db.machine.findUniqueOrThrow({ where: { hostname } });
      expect(verifyBootToken(m, tokenOf(scripts[i])).ok).toBe(true);
    }
  });

  it("answers simultaneous requests for one MAC with one script, and counts every unknown request", async () => {
    const same = await Promise.all([1, 2, 3].map(async () => (await get("?mac=52:54:00:0b:00:05")).text()));
    expect(new Set(same).size).toBe(1);
    await Promise.all([1, 2, 3].map(() => get("?mac=52:54:00:0c:00:07")));
    expect((await db.unknownMac.findUniqueOrThrow({ where: { mac: "52:54:00:0c:00:07" } })).requestCount).toBe(3);
  });
});

describe("GET /api/boot/beacon", () => {
  it("records kernel_started for the current boot only", async () => {
    const script = await (await get("?mac=52:54:00:0b:00:05")).text();
    const bootId = bootIdOf(script);
    const hit = (boot: string) => beacon(apiRequest(`/api/boot/beacon?mac=52:54:00:0b:00:05&boot=${boot}&stage=kernel&mirror=1`, { token: null }));
    const res = await hit(bootId);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("#!ipxe\n");
    await hit("00000000-0000-0000-0000-000000000000");
    const events = await db.event.findMany({ where: { kind: "boot.kernel_started" } });
    expect(events.map((e) => e.payload)).toEqual([{ bootId, mirror: 1, sourceIp: null }]);
    expect((await beacon(apiRequest("/api/boot/beacon?mac=nope&boot=x&stage=kernel", { token: null }))).status).toBe(400);
    // What is missing or wrong is named, and an empty mirror is not read as mirror 0.
    const said = async (q: string) => (await beacon(apiRequest(`/api/boot/beacon?mac=52:54:00:0b:00:05&${q}`, { token: null }))).text();
    expect(await said("stage=kernel")).toContain("boot is required");
    expect(await said(`boot=${bootId}&stage=kernel&stage=failed`)).toContain("bad beacon: stage is given more than once");
    expect(await said(`boot=${bootId}&stage=up`)).toContain("stage must be one of kernel, failed");
    expect(await said(`boot=${bootId}&stage=kernel&mirror=`)).toContain("mirror must be the mirror's place");
  });
});

describe("previewBoot", () => {
  it("shows the script and mirror order without touching the token or state", async () => {
    const before = await db.machine.findUniqueOrThrow({ where: { hostname: "stor-05" } });
    const preview = await previewBoot("stor-05", "console.test");
    expect(preview?.plan.kind).toBe("boot");
    expect(preview?.script).toContain("fleetboot.token=PREVIEW-TOKEN-NOT-ISSUED");
    expect(preview?.mirrors.map((m) => [m.name, m.place ?? m.note])).toEqual(expect.arrayContaining([["off", "disabled"]]));
    const after = await db.machine.findUniqueOrThrow({ where: { hostname: "stor-05" } });
    expect(after.bootTokenHash).toBe(before.bootTokenHash);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect((await previewBoot("stor-02", "console.test"))?.plan).toMatchObject({ kind: "hold", reason: expect.stringMatching(/maintenance/) });
    expect(await previewBoot("no-such-machine", null)).toBeNull();
  });

  it("answers for a MAC in any notation, through that interface", async () => {
    for (const ref of ["52-54-00-0B-00-05", "5254.000b.0005", "52:54:00:0b:00:05"]) {
      const preview = await previewBoot(ref, "console.test");
      expect(preview?.plan.target).toMatchObject({ hostname: "stor-05", mac: "52:54:00:0b:00:05" });
    }
    expect(await previewBoot("52:54:00:ff:ff:fe", "console.test")).toBeNull();
  });

  it("shows an unregistered MAC the hold script it gets, with what the inbox knows of it", async () => {
    const never = await previewUnknownMac("52-54-00-FF-FF-FE", "console.test");
    expect(never).toMatchObject({ mac: "52:54:00:ff:ff:fe", seen: null, error: null });
    expect(never?.script).toContain("echo Fleetboot: MAC 52:54:00:ff:ff:fe is not registered.");
    expect(never?.script).toContain("chain --replace --autofree http://console.test/api/boot/ipxe?mac=${net0/mac}");
    // 52:54:00:0c:00:01 asked in an earlier test of this file.
    expect((await previewUnknownMac("5254.000c.0001", "console.test"))?.seen).toMatchObject({ mac: "52:54:00:0c:00:01", requestCount: expect.any(Number) });
    expect(await previewUnknownMac("not-a-mac", "console.test")).toBeNull();
  });
});
