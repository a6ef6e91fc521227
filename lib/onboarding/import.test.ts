import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/machines/import/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, useTestDatabase } from "@/lib/testing/db";
import type { ImportResult } from "./schema";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "11".repeat(32);

type Reply = ImportResult & { error?: { code: string; message: string } };

async function importText(text: string, extra: Record<string, unknown> = {}): Promise<{ status: number; body: Reply }> {
  const res = await POST(apiRequest("/api/machines/import", { method: "POST", body: { text, defaults: { role: "storage", subnet: "lab", rack: "r01" }, ...extra } }), undefined);
  return { status: res.status, body: await res.json() };
}

const machineCount = () => db.machine.count();

beforeAll(async () => {
  const storage = await db.role.create({ data: { name: "storage" } });
  await db.role.create({ data: { name: "compute" } });
  const lab = await db.subnet.create({ data: { name: "lab", cidr: "10.9.0.0/24", poolStart: "10.9.0.10", poolEnd: "10.9.0.40" } });
  await db.subnet.create({ data: { name: "tiny", cidr: "10.7.0.0/24", poolStart: "10.7.0.10", poolEnd: "10.7.0.12" } });
  await db.machine.create({
    data: { hostname: "storage-r01-01", roleId: storage.id, subnetId: lab.id, rack: "r01", ipv4: "10.9.0.10", interfaces: { create: [{ mac: "52:54:00:00:aa:01" }] } },
  });
  await db.machine.create({ data: { hostname: "old-box", ipv4: "10.9.0.12", interfaces: { create: [{ mac: "52:54:00:00:aa:02" }] } } });
  await db.machine.create({ data: { hostname: "tiny-box", ipv4: "10.7.0.11", interfaces: { create: [{ mac: "52:54:00:00:aa:03" }] } } });
  await db.unknownMac.createMany({
    data: [{ mac: "52:54:00:0b:00:01", serial: "CZ2201AB", uuid: "4c4c4544-0042", arch: "x86_64", platform: "efi" }, { mac: "52:54:00:0b:00:02" }, { mac: "52:54:00:0b:00:99" }],
  });
});

describe("POST /api/machines/import", () => {
  it("previews a dry run with generated names and free pool addresses, writing nothing", async () => {
    const before = await machineCount();
    const { status, body } = await importText("52:54:00:0a:00:01\n52-54-00-0A-00-02\n5254.000a.0003 10.9.0.11", { dryRun: true });
    expect(status).toBe(200);
    expect(body.created).toBe(0);
    expect(body.rows.map((r) => [r.line, r.mac, r.hostname, r.ip, r.role, r.status])).toEqual([
      [1, "52:54:00:0a:00:01", "storage-r01-02", "10.9.0.13", "storage", "ok"],
      [2, "52:54:00:0a:00:02", "storage-r01-03", "10.9.0.14", "storage", "ok"],
      [3, "52:54:00:0a:00:03", "storage-r01-04", "10.9.0.11", "storage", "ok"],
    ]);
    expect(body.summary).toEqual({ total: 3, ready: 3, attention: 0 });
    expect(await machineCount()).toBe(before);
  });

  it("names every kind of problem on its line", async () => {
    const text = [
      "52:54:00:0a:00:10 web-10 10.9.0.30",
      "5254.000a.0010",
      "52:54:00:00:aa:01",
      "52:54:00:0a:00:11 old-box",
      "52:54:00:0a:00:12 10.9.0.12",
      "52:54:00:0a:00:13 10.8.0.1",
      "52:54:00:0a:00:14 web-10",
      "52:54:00:12:34:5",
      "52:54:00:0a:00:15 Web_15",
      "mac,role",
      "52:54:00:0a:00:16 10.9.0.255",
    ].join("\n");
    const { body } = await importText(text, { dryRun: true });
    const by = (line: number) => body.rows.find((r) => r.line === line)!;
    expect(by(1)).toMatchObject({ status: "ok", messages: [] });
    expect(by(2)).toMatchObject({ status: "duplicate", messages: ["52:54:00:0a:00:10 is already on line 1"] });
    expect(by(3)).toMatchObject({ status: "conflict", messages: ["52:54:00:00:aa:01 is already registered to storage-r01-01"] });
    expect(by(4)).toMatchObject({ status: "conflict", messages: ["hostname old-box is already taken"] });
    expect(by(5)).toMatchObject({ status: "conflict", messages: ["10.9.0.12 is already used by old-box"] });
    expect(by(6)).toMatchObject({ status: "invalid", messages: ["10.8.0.1 is outside subnet lab (10.9.0.0/24)"] });
    expect(by(7)).toMatchObject({ status: "duplicate", messages: ["hostname web-10 is already on line 1"] });
    expect(by(8)).toMatchObject({ status: "invalid", messages: [expect.stringMatching(/octet 6 .* one digit/)] });
    expect(by(9).messages[0]).toMatch(/hostname "Web_15": Hostname must be/);
    expect(by(11).messages).toEqual(["10.9.0.255 is the broadcast address of subnet lab (10.9.0.0/24), not a usable host address"]);
    expect(by(10).messages).toEqual(["no MAC address on this line", expect.stringMatching(/more columns than understood: "role"/)]);
  });

  it("reports an unknown role, subnet or template next to the default and on the rows", async () => {
    const compute = await db.role.findUniqueOrThrow({ where: { name: "compute" } });
    const byId = await importText("52:54:00:0a:00:21", { dryRun: true, defaults: { role: compute.id.toUpperCase() } });
    expect(byId.body.rows[0]).toMatchObject({ role: "compute", hostname: "compute-01", status: "ok" });
    const res = await POST(apiRequest("/api/machines/import", { method: "POST", body: { text: "52:54:00:0a:00:20", defaults: { role: "nope", subnet: "nowhere", hostnameTemplate: "{role}-{x}" }, dryRun: true } }), undefined);
    const body = (await res.json()) as Reply;
    expect(body.issues.map((i) => i.path)).toEqual(["defaults.role", "defaults.subnet", "defaults.hostnameTemplate"]);
    expect(body.rows[0].status).toBe("invalid");
    expect(body.rows[0].messages).toEqual([expect.stringMatching(/no role "nope" \(roles: compute, storage\)/), 'no subnet "nowhere"', expect.stringMatching(/unknown placeholder \{x\}/)]);
  });

  it("says once, next to the template, when a usable template names no line at all", async () => {
    const all = await importText("52:54:00:0a:00:22\n52:54:00:0a:00:23", { dryRun: true, defaults: { hostnameTemplate: "Node_{nn}" } });
    expect(all.body.issues).toEqual([{ path: "defaults.hostnameTemplate", message: expect.stringMatching(/^the hostname template gives names like "node_01": Hostname must be/) }]);
    expect(all.body.rows.map((r) => r.status)).toEqual(["invalid", "invalid"]);
    // A template that names some lines is judged on those lines only.
    const some = await importText("52:54:00:0a:00:22\n52:54:00:0a:00:23,Node_X", { dryRun: true, defaults: { hostnameTemplate: "{role}-{nn}" } });
    expect(some.body.issues).toEqual([]);
    // Every line named in the paste: the template is never asked.
    const none = await importText("52:54:00:0a:00:22,web-01", { dryRun: true, defaults: { hostnameTemplate: "Node_{nn}" } });
    expect(none.body.issues).toEqual([]);
  });

  it("is all or nothing: one bad line refuses the whole paste with 422", async () => {
    const before = await machineCount();
    const { status, body } = await importText("52:54:00:0a:00:30\n52:54:00:0a:00:31\nnot-a-mac");
    expect(status).toBe(422);
    expect(body.error?.code).toBe("unprocessable");
    expect(body.created).toBe(0);
    expect(body.rows.map((r) => r.status)).toEqual(["ok", "ok", "invalid"]);
    expect(await machineCount()).toBe(before);
    expect(await db.interface.count({ where: { mac: "52:54:00:0a:00:30" } })).toBe(0);
  });

  it("commits in one go with events and one audit entry, adopts inbox MACs, and a resend is all conflicts", async () => {
    const text = "52:54:00:0b:00:01\n52-54-00-0b-00-02 bmc-host 10.9.0.35\n";
    const { status, body } = await importText(text);
    expect(status).toBe(201);
    expect(body.created).toBe(2);
    const machines = await db.machine.findMany({ where: { interfaces: { some: { mac: { in: ["52:54:00:0b:00:01", "52:54:00:0b:00:02"] } } } }, include: { role: true, subnet: true }, orderBy: { hostname: "asc" } });
    expect(machines.map((m) => [m.hostname, m.ipv4, m.role?.name, m.subnet?.name, m.rack, m.state])).toEqual([
      ["bmc-host", "10.9.0.35", "storage", "lab", "r01", "new"],
      ["storage-r01-02", "10.9.0.11", "storage", "lab", "r01", "new"],
    ]);
    const events = await db.event.findMany({ where: { kind: "machine.created", machineId: { in: machines.map((m) => m.id) } } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => (e.payload as { source?: string }).source === "import")).toBe(true);
    const audit = await db.auditEntry.findMany({ where: { action: "machine.import" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "admin token", changes: { created: 2, macs: ["52:54:00:0b:00:01", "52:54:00:0b:00:02"] } });
    expect((await db.unknownMac.findMany()).map((u) => u.mac)).toEqual(["52:54:00:0b:00:99"]);
    // What iPXE told about an adopted MAC's machine stays with it; one that told nothing keeps empty notes.
    expect(machines.map((m) => m.notes)).toEqual(["", "As iPXE reported it before registration: serial CZ2201AB, UUID 4c4c4544-0042, x86_64 efi"]);

    const again = await importText(text);
    expect(again.status).toBe(422);
    expect(again.body.rows.map((r) => r.status)).toEqual(["conflict", "conflict"]);
    expect(again.body.rows[0].messages).toContain("52:54:00:0b:00:01 is already registered to storage-r01-02");
    expect(await db.interface.count({ where: { mac: "52:54:00:0b:00:01" } })).toBe(1);
  });

  it("lets exactly one of two concurrent imports of the same MAC win", async () => {
    // Big enough that, without the lock and the re-validation, both pass validation
    // before either inserts (and the loser gets a 500).
    const paste = (first: number) => [...Array.from({ length: 200 }, (_, i) => `52:54:00:0c:0${first}:${i.toString(16).padStart(2, "0")}`), "52-54-00-0C-FF-01"].join("\n");
    const defaults = { defaults: { role: "compute", rack: "r05" } };
    const [a, b] = await Promise.all([importText(paste(1), defaults), importText(paste(2), defaults)]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    const loser = a.status === 422 ? a : b;
    expect(loser.body.rows.filter((r) => r.status !== "ok")).toEqual([
      expect.objectContaining({ mac: "52:54:00:0c:ff:01", status: "conflict", messages: [expect.stringMatching(/already registered to compute-r05-/)] }),
    ]);
    expect(await db.interface.count({ where: { mac: "52:54:00:0c:ff:01" } })).toBe(1);
    expect(await db.machine.count({ where: { rack: "r05" } })).toBe(201);
  });

  it("imports a CSV with a header, without role or subnet: no IP, the BMC address kept", async () => {
    const text = "MAC,Name,BMC\n52:54:00:0e:00:01,,10.21.9.1\n52:54:00:0e:00:02,edge-2,\n";
    const { status, body } = await importText(text, { defaults: { rack: "r07" } });
    expect(status).toBe(201);
    expect(body.notes).toEqual(["line 1 is a header row: mac, hostname, bmc"]);
    const rows = await db.machine.findMany({ where: { rack: "r07" }, orderBy: { hostname: "asc" } });
    expect(rows.map((m) => [m.hostname, m.roleId, m.subnetId, m.ipv4, m.bmcAddress])).toEqual([
      ["edge-2", null, null, null, null],
      ["r07-01", null, null, null, "10.21.9.1"],
    ]);
  });

  it("puts a line's address in the subnet that holds it when no default subnet is given", async () => {
    // An address no subnet holds is refused on its line, and nothing is written.
    const refused = await importText("52:54:00:0f:00:01 10.9.0.230\n52:54:00:0f:00:03 10.251.0.1", { defaults: { rack: "r08" } });
    expect(refused.status).toBe(422);
    expect(refused.body.rows.map((r) => [r.ip, r.status])).toEqual([["10.9.0.230", "ok"], ["10.251.0.1", "invalid"]]);
    expect(refused.body.rows[1].messages[0]).toMatch(/^10\.251\.0\.1 is in no declared subnet/);
    expect(await db.machine.count({ where: { rack: "r08" } })).toBe(0);

    const { status } = await importText("52:54:00:0f:00:01 10.9.0.230\n52:54:00:0f:00:02 10.7.0.200", { defaults: { rack: "r08" } });
    expect(status).toBe(201);
    const rows = await db.machine.findMany({ where: { rack: "r08" }, orderBy: { ipv4: "asc" }, include: { subnet: true } });
    expect(rows.map((m) => [m.ipv4, m.subnet?.name ?? null])).toEqual([
      ["10.7.0.200", "tiny"],
      ["10.9.0.230", "lab"],
    ]);
  });

  it("gives no pool address to a line whose own address was refused", async () => {
    const { status, body } = await importText("52:54:00:0e:7f:01 010.7.0.11\n52:54:00:0e:7f:02", { defaults: { subnet: "tiny" }, dryRun: true });
    expect(status).toBe(200);
    expect(body.rows.map((r) => [r.ip, r.status])).toEqual([[null, "invalid"], ["10.7.0.10", "ok"]]);
    expect(body.rows[0].messages[0]).toMatch(/^IP address "010\.7\.0\.11"/);
  });

  it("skips taken pool addresses and says which rows get none when the pool runs out", async () => {
    const { status, body } = await importText("52:54:00:0d:00:01\n52:54:00:0d:00:02\n52:54:00:0d:00:03 10.7.0.10\n52:54:00:0d:00:04", { defaults: { subnet: "tiny", rack: "r09" } });
    expect(status).toBe(422);
    expect(body.rows.map((r) => [r.hostname, r.ip, r.status])).toEqual([
      ["r09-01", "10.7.0.12", "ok"],
      ["r09-02", null, "invalid"],
      ["r09-03", "10.7.0.10", "ok"],
      ["r09-04", null, "invalid"],
    ]);
    expect(body.rows[1].messages[0]).toMatch(/no free address left in the pool of subnet tiny \(10\.7\.0\.10–10\.7\.0\.12\)/);
  });

  it("refuses pastes over the size limits with 413", async () => {
    const lines = Array.from({ length: 20_001 }, () => "52:54:00:00:00:02").join("\n");
    const { status, body } = await importText(lines, { dryRun: true });
    expect(status).toBe(413);
    expect(body.error?.message).toMatch(/more than 20,000 lines/);
  });

  it("says whether the text is missing or of the wrong kind", async () => {
    const said = async (body: object) => ((await (await POST(apiRequest("/api/machines/import", { method: "POST", body }), undefined)).json()) as Reply).error?.message;
    expect(await said({})).toMatch(/text is required/);
    expect(await said({ text: 123 })).toMatch(/text must be a string/);
  });

  it("needs credentials", async () => {
    const res = await POST(apiRequest("/api/machines/import", { method: "POST", body: { text: "52:54:00:0a:00:01" }, token: null }), undefined);
    expect(res.status).toBe(401);
  });
});
