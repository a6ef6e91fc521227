import { beforeAll, describe, expect, it } from "vitest";
import { DELETE, GET as getOne, PATCH } from "@/app/api/machines/[id]/route";
import { GET, POST } from "@/app/api/machines/route";
import { db } from "@/lib/db";
import { ADMIN_TOKEN, apiRequest, params, useTestDatabase } from "@/lib/testing/db";

useTestDatabase();
process.env.FLEETBOOT_ADMIN_TOKEN = ADMIN_TOKEN;
process.env.FLEETBOOT_SECRET_KEY = "11".repeat(32);

const post = (body: unknown) => POST(apiRequest("/api/machines", { method: "POST", body }), undefined);
const list = async (qs: string) => (await GET(apiRequest(`/api/machines?${qs}`), undefined)).json();

beforeAll(async () => {
  const role = await db.role.create({ data: { name: "storage" } });
  await db.role.create({ data: { name: "compute" } });
  await db.subnet.create({ data: { name: "lab", cidr: "10.9.0.0/24", poolStart: "10.9.0.10", poolEnd: "10.9.0.12" } });
  // The bulk machines' addresses are in a declared subnet, though the machines name none.
  await db.subnet.create({ data: { name: "bulk", cidr: "10.8.0.0/24" } });
  for (let i = 0; i < 25; i++) {
    await db.machine.create({
      data: {
        hostname: `bulk-${String(i).padStart(2, "0")}`,
        roleId: i % 2 ? role.id : null,
        rack: `r${i % 3}`,
        state: i % 5 === 0 ? "failed" : "ready",
        ipv4: `10.8.0.${i + 1}`,
        interfaces: { create: [{ mac: `52:54:00:00:10:${i.toString(16).padStart(2, "0")}` }] },
      },
    });
  }
});

describe("POST /api/machines", () => {
  it("creates a machine with a normalised MAC and a pool address, and records an event", async () => {
    const res = await post({ hostname: "stor-01", macs: ["52-54-00-AA-00-01"], role: "storage", subnet: "lab" });
    expect(res.status).toBe(201);
    const m = await res.json();
    expect(m).toMatchObject({ hostname: "stor-01", macs: ["52:54:00:aa:00:01"], role: "storage", subnet: "lab", ipv4: "10.9.0.10", state: "new" });
    expect(await db.event.count({ where: { machineId: m.id, kind: "machine.created" } })).toBe(1);
  });

  it("skips used pool addresses and says so when the pool is exhausted", async () => {
    expect((await (await post({ hostname: "stor-02", macs: ["52:54:00:aa:00:02"], subnet: "lab" })).json()).ipv4).toBe("10.9.0.11");
    await post({ hostname: "stor-03", macs: ["52:54:00:aa:00:03"], subnet: "lab" });
    const res = await post({ hostname: "stor-04", macs: ["52:54:00:aa:00:04"], subnet: "lab" });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/no free address/);
    expect(await db.machine.count({ where: { hostname: "stor-04" } })).toBe(0);
  });

  it("gives machines created at the same moment each their own pool address", async () => {
    await db.subnet.create({ data: { name: "busy", cidr: "10.9.7.0/24", poolStart: "10.9.7.10", poolEnd: "10.9.7.40" } });
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post({ hostname: `busy-${i}`, macs: [`52:54:00:b7:00:0${i}`], subnet: "busy" })),
    );
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const ips = await Promise.all(answers.map(async (r) => (await r.json()).ipv4));
    expect(new Set(ips).size).toBe(6);
    expect(ips.every((ip) => /^10\.9\.7\.(1\d)$/.test(ip))).toBe(true);
  });

  it("says what is wrong instead of \"Invalid input\"", async () => {
    const missing = await (await post({ hostname: "no-macs" })).json();
    expect(missing.error.details.fields).toContainEqual({ path: "macs", message: "at least one MAC address is needed to boot" });
    const flag = await (await post({ hostname: "flag-01", macs: ["52:54:00:b8:00:01"], maintenance: "yes" })).json();
    expect(flag.error.details.fields).toContainEqual({ path: "maintenance", message: "must be true or false" });
    // A name shaped like an id would be looked up as an id: refused.
    const idLike = await (await post({ hostname: "08f0694c-f2f4-4e41-9f11-ca6304393ae9", macs: ["52:54:00:b8:00:02"] })).json();
    expect(idLike.error.details.fields).toContainEqual({ path: "hostname", message: "Hostname must not look like an id (8-4-4-4-12 hex digits)" });
  });

  it("names every bad field and writes nothing", async () => {
    const res = await post({ hostname: "-bad-", macs: ["52:54:00:12:34:5"], ipv4: "10.0.0.300" });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.details.fields as { path: string; message: string }[];
    expect(fields.map((f) => f.path.split(".")[0]).sort()).toEqual(["hostname", "ipv4", "macs"]);
    expect(fields.find((f) => f.path.startsWith("macs"))?.message).toMatch(/one digit/);
  });

  it("refuses a taken MAC, hostname or IP with 409 naming the owner", async () => {
    const mac = await post({ hostname: "dup-mac", macs: ["52:54:00:00:10:00"] });
    expect(mac.status).toBe(409);
    expect((await mac.json()).error.message).toContain("bulk-00");
    expect((await post({ hostname: "bulk-01", macs: ["52:54:00:bb:00:01"] })).status).toBe(409);
    const ip = await post({ hostname: "dup-ip", macs: ["52:54:00:bb:00:02"], ipv4: "10.8.0.1" });
    expect(ip.status).toBe(409);
    expect((await ip.json()).error.details.fields[0].path).toBe("ipv4");
  });

  it("finds a role or subnet named in another case", async () => {
    const res = await post({ hostname: "case-01", macs: ["52:54:00:ca:5e:01"], role: "STORAGE", subnet: "Lab", ipv4: "10.9.0.77" });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ role: "storage", subnet: "lab" });
  });

  it("says every problem of a new machine at once, not one per try", async () => {
    const all = await post({ hostname: "bulk-01", macs: ["52:54:00:00:10:00"], ipv4: "10.8.0.3" });
    expect(all.status).toBe(409);
    const { error } = await all.json();
    expect(error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(["hostname", "ipv4", "macs"]);
    expect(error.message).toBe("52:54:00:00:10:00 is already registered to bulk-00; hostname bulk-01 is already taken; IP address 10.8.0.3 is already in use by bulk-02");
    // With a problem of another kind among them, 400, still all of them.
    const mixed = await post({ hostname: "bulk-01", macs: ["52:54:00:00:10:00"], role: "nope" });
    expect(mixed.status).toBe(400);
    expect((await mixed.json()).error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(["hostname", "macs", "role"]);
  });

  it("rejects an address outside the machine's subnet and an unknown role", async () => {
    const out = await post({ hostname: "out-01", macs: ["52:54:00:cc:00:01"], subnet: "lab", ipv4: "10.10.0.5" });
    expect((await out.json()).error.message).toMatch(/outside subnet lab/);
    const role = await post({ hostname: "out-02", macs: ["52:54:00:cc:00:02"], role: "nope" });
    expect(role.status).toBe(400);
    expect((await role.json()).error).toMatchObject({ message: 'no role "nope"', details: { field: "role" } });
    const subnet = await post({ hostname: "out-03", macs: ["52:54:00:cc:00:03"], subnet: "nope" });
    expect(subnet.status).toBe(400);
    expect((await subnet.json()).error).toMatchObject({ message: 'no subnet "nope"', details: { field: "subnet" } });
  });

  it("puts a machine given only an address in the subnet that holds it, unless told it has none", async () => {
    const inLab = await post({ hostname: "infer-01", macs: ["52:54:00:cd:00:01"], ipv4: "10.9.0.200" });
    expect(inLab.status).toBe(201);
    expect(await inLab.json()).toMatchObject({ subnet: "lab", ipv4: "10.9.0.200" });
    // An address no subnet holds is refused: no DHCP config could hold it.
    const nowhere = await post({ hostname: "infer-02", macs: ["52:54:00:cd:00:02"], ipv4: "10.250.0.1" });
    expect(nowhere.status).toBe(400);
    expect((await nowhere.json()).error.details.fields).toEqual([
      { path: "ipv4", message: "10.250.0.1 is in no declared subnet, so no DHCP server could hand it out and the boot script could not set its netmask; add a subnet that holds it first, or leave the address empty" },
    ]);
    expect(await db.machine.count({ where: { hostname: "infer-02" } })).toBe(0);
    const none = await post({ hostname: "infer-03", macs: ["52:54:00:cd:00:03"], ipv4: "10.9.0.201", subnet: null });
    expect(await none.json()).toMatchObject({ subnet: null, ipv4: "10.9.0.201" });
    // A subnet's own network and broadcast addresses are no machine's, named or inferred.
    for (const [ipv4, subnet, word] of [["10.9.0.255", undefined, "broadcast"], ["10.9.0.0", "lab", "network"]]) {
      const edge = await post({ hostname: "infer-04", macs: ["52:54:00:cd:00:04"], ipv4, subnet });
      expect(edge.status).toBe(400);
      expect((await edge.json()).error.details.fields).toEqual([{ path: "ipv4", message: `${ipv4} is the ${word} address of subnet lab (10.9.0.0/24), not a usable host address` }]);
    }
    await db.subnet.update({ where: { name: "lab" }, data: { gateway: "10.9.0.1" } });
    try {
      const gateway = await post({ hostname: "infer-05", macs: ["52:54:00:cd:00:05"], ipv4: "10.9.0.1" });
      expect((await gateway.json()).error.details.fields).toEqual([{ path: "ipv4", message: "10.9.0.1 is the gateway of subnet lab" }]);
    } finally {
      await db.subnet.update({ where: { name: "lab" }, data: { gateway: null } });
    }
  });
});

describe("GET /api/machines", () => {
  it("filters by role, state and rack and pages with a cursor", async () => {
    const storage = await list("role=storage&limit=100");
    expect(storage.items.every((m: { role: string }) => m.role === "storage")).toBe(true);
    // A role by name in any case, or by id, as everywhere else; an unknown one is a 404, not an empty list.
    expect((await list("role=Storage&limit=100")).items).toEqual(storage.items);
    const { id } = await db.role.findUniqueOrThrow({ where: { name: "storage" } });
    expect((await list(`role=${id}&limit=100`)).items).toEqual(storage.items);
    const unknown = await GET(apiRequest("/api/machines?role=nope"), undefined);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toBe('no role "nope"');
    // "-" is none, for a rack as for a role.
    await db.machine.update({ where: { hostname: "bulk-24" }, data: { rack: null } });
    expect((await list("rack=-")).items.map((m: { hostname: string }) => m.hostname)).toContain("bulk-24");
    expect((await list("rack=-")).items.every((m: { rack: string | null }) => m.rack === null)).toBe(true);
    const failed = await list("state=failed");
    expect(failed.items.map((m: { hostname: string }) => m.hostname)).toEqual(["bulk-00", "bulk-05", "bulk-10", "bulk-15", "bulk-20"]);
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 10; i++) {
      const page = await list(`rack=r1&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.items.map((m: { hostname: string }) => m.hostname));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(["bulk-01", "bulk-04", "bulk-07", "bulk-10", "bulk-13", "bulk-16", "bulk-19", "bulk-22"]);
  });

  it("searches hostname, MAC in any notation, and IP prefix", async () => {
    expect((await list("q=BULK-1")).items).toHaveLength(10);
    expect((await list("q=5254.0000.1003")).items.map((m: { hostname: string }) => m.hostname)).toEqual(["bulk-03"]);
    expect((await list("q=10:0")).items.map((m: { hostname: string }) => m.hostname)).toContain("bulk-00");
    expect((await list("q=10.8.0.2")).items.map((m: { hostname: string }) => m.hostname)).toEqual(["bulk-01", "bulk-19", "bulk-20", "bulk-21", "bulk-22", "bulk-23", "bulk-24"]);
  });

  it("rejects a bad state and a forged cursor", async () => {
    expect((await GET(apiRequest("/api/machines?state=sleeping"), undefined)).status).toBe(400);
    expect((await GET(apiRequest("/api/machines?cursor=JTI3OyBkcm9w"), undefined)).status).toBe(400);
    // A misspelt filter is named, not ignored (which would list every machine).
    const typo = await GET(apiRequest("/api/machines?rol=storage&colour=red"), undefined);
    expect(typo.status).toBe(400);
    const { error } = await typo.json();
    expect(error.message).toBe('unknown query parameter "rol" (did you mean "role"?); unknown query parameter "colour"');
    expect(error.details).toMatchObject({ field: "rol", fields: [{ path: "rol" }, { path: "colour" }] });
    const twice = await GET(apiRequest("/api/machines?limit=1&limit=2"), undefined);
    expect(twice.status).toBe(400);
    expect((await twice.json()).error.message).toBe("limit is given more than once");
    for (const limit of ["", "0", "501", "1.5", "x", "0x10", "1e2", "1.0", "-1"]) {
      const bad = await GET(apiRequest(`/api/machines?limit=${limit}`), undefined);
      expect(bad.status, limit).toBe(400);
      expect((await bad.json()).error.details.fields[0], limit).toEqual({ path: "limit", message: "must be a whole number from 1 to 500" });
    }
  });
});

describe("/api/machines/:id", () => {
  it("stores BMC credentials sealed and never returns the password", async () => {
    const ctx = params({ id: "bulk-02" });
    const res = await PATCH(apiRequest("/api/machines/bulk-02", { method: "PATCH", body: { bmc: { type: "ipmi", address: "10.21.0.2", username: "admin", password: "s3cret-pass" } } }), ctx);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("s3cret-pass");
    expect(JSON.parse(text).bmc).toEqual({ type: "ipmi", address: "10.21.0.2", port: null, username: "admin", tls: null, hasPassword: true });
    const row = await db.machine.findUniqueOrThrow({ where: { hostname: "bulk-02" } });
    expect(row.bmcPasswordEnc).toMatch(/^v1:/);
    expect(row.bmcPasswordEnc).not.toContain("s3cret");
    const audit = await db.auditEntry.findFirst({ where: { targetId: row.id, action: "machine.update" } });
    expect(JSON.stringify(audit?.changes)).not.toContain("s3cret-pass");
    expect(await (await getOne(apiRequest("/api/machines/bulk-02"), ctx)).text()).not.toContain("s3cret");
  });

  it("refuses an address that is never a host's (which would also break every DHCP config)", async () => {
    const ctx = params({ id: "bulk-02" });
    for (const [ipv4, what] of [["255.255.255.255", "the broadcast address"], ["0.0.0.0", "in 0.0.0.0/8"], ["224.0.0.1", "a multicast address"], ["250.1.1.1", "reserved"]]) {
      const res = await PATCH(apiRequest("/api/machines/bulk-02", { method: "PATCH", body: { ipv4 } }), ctx);
      expect(res.status, ipv4).toBe(400);
      expect((await res.json()).error.details.fields[0]).toMatchObject({ path: "ipv4", message: expect.stringContaining(what) });
    }
    expect((await db.machine.findUniqueOrThrow({ where: { hostname: "bulk-02" } })).ipv4).not.toBe("255.255.255.255");
  });

  it("refuses a BMC address or user name that the power drivers would refuse, saying why", async () => {
    const ctx = params({ id: "bulk-02" });
    const bmc = (over: Record<string, unknown>) => ({ bmc: { type: "ipmi", address: "10.21.0.2", username: "admin", password: "pw", ...over } });
    const cases: [Record<string, unknown>, string][] = [
      [{ address: "10.21.0.2:8443" }, 'BMC address "10.21.0.2:8443" includes a port: put 8443 in the port field'],
      [{ address: "https://10.21.0.2/redfish" }, 'BMC address "https://10.21.0.2/redfish" is a URL: give only its host name or IP address'],
      [{ address: "-oProxyCommand" }, 'BMC address "-oProxyCommand" is not a host name or IP address'],
      [{ address: "..." }, 'BMC address "..." is not a host name or IP address'],
      [{ username: "-oProxyCommand=x" }, 'BMC user name "-oProxyCommand=x" may only hold letters, digits'],
      [{ port: "0x10" }, "must be a port number from 1 to 65535"],
      [{ port: "99999999999999999999" }, "must be a port number from 1 to 65535"],
      [{ port: 70000 }, "must be a port number from 1 to 65535"],
    ];
    for (const [over, message] of cases) {
      const res = await PATCH(apiRequest("/api/machines/bulk-02", { method: "PATCH", body: bmc(over) }), ctx);
      expect(res.status, message).toBe(400);
      expect((await res.json()).error.details.fields[0].message).toContain(message);
    }
    for (const address of ["[fe80::1]", "bmc-r01.example.net", "10.21.0.2"]) {
      expect((await PATCH(apiRequest("/api/machines/bulk-02", { method: "PATCH", body: bmc({ address }) }), ctx)).status, address).toBe(200);
    }
  });

  it("keeps one boot interface when the MACs are replaced: the kept one, or else the first listed", async () => {
    const patch = (id: string, body: unknown) => PATCH(apiRequest(`/api/machines/${id}`, { method: "PATCH", body }), params({ id }));
    const boot = async () => (await db.interface.findMany({ where: { machine: { hostname: "bulk-05" }, isBoot: true } })).map((i) => i.mac);
    expect(await boot()).toEqual(["52:54:00:00:10:05"]);
    // Adding a MAC keeps the boot one.
    expect((await patch("bulk-05", { macs: ["52:54:00:b5:00:01", "52:54:00:00:10:05"] })).status).toBe(200);
    expect(await boot()).toEqual(["52:54:00:00:10:05"]);
    // Replacing them all makes the first listed the boot one.
    expect((await patch("bulk-05", { macs: ["52:54:00:b5:00:02", "52:54:00:b5:00:03"] })).status).toBe(200);
    expect(await boot()).toEqual(["52:54:00:b5:00:02"]);
  });

  it("moves a machine whose new address its subnet does not hold to the subnet that does, unless one is named", async () => {
    const patch = (id: string, body: unknown) => PATCH(apiRequest(`/api/machines/${id}`, { method: "PATCH", body }), params({ id }));
    // bulk-03 has no subnet; an address in lab puts it there.
    const joined = await patch("bulk-03", { ipv4: "10.9.0.150" });
    expect(joined.status).toBe(200);
    expect(await joined.json()).toMatchObject({ subnet: "lab", ipv4: "10.9.0.150" });
    const { id } = await db.machine.findUniqueOrThrow({ where: { hostname: "bulk-03" } });
    const audit = await db.auditEntry.findFirst({ where: { action: "machine.update", targetId: id }, orderBy: { id: "desc" } });
    expect(audit?.changes).toMatchObject({ subnet: [null, "lab"], ipv4: ["10.8.0.4", "10.9.0.150"] });
    // Another address inside lab keeps it there; an unrelated edit changes nothing.
    expect(await (await patch("bulk-03", { ipv4: "10.9.0.151" })).json()).toMatchObject({ subnet: "lab" });
    expect(await (await patch("bulk-03", { rack: "r9" })).json()).toMatchObject({ subnet: "lab", ipv4: "10.9.0.151" });
    // An address no subnet holds is refused, with or without "no subnet".
    for (const body of [{ ipv4: "10.250.0.3" }, { ipv4: "10.250.0.3", subnet: null }]) {
      const nowhere = await patch("bulk-03", body);
      expect(nowhere.status).toBe(400);
      expect((await nowhere.json()).error.details.fields[0].message).toMatch(/^10\.250\.0\.3 is in no declared subnet/);
    }
    // A named subnet is still checked: it must hold the address.
    const named = await patch("bulk-03", { ipv4: "10.250.0.4", subnet: "lab" });
    expect(named.status).toBe(400);
    expect((await named.json()).error.details.fields).toEqual([{ path: "ipv4", message: "10.250.0.4 is outside subnet lab (10.9.0.0/24)" }]);
    // The inferred subnet refuses its network address like a named one.
    const edge = await patch("bulk-03", { ipv4: "10.9.0.0" });
    expect((await edge.json()).error.details.fields).toEqual([{ path: "ipv4", message: "10.9.0.0 is the network address of subnet lab (10.9.0.0/24), not a usable host address" }]);
    const lab = await db.subnet.findUniqueOrThrow({ where: { name: "lab" } });
    expect(await db.machine.findUniqueOrThrow({ where: { hostname: "bulk-03" }, select: { ipv4: true, subnetId: true } })).toEqual({ ipv4: "10.9.0.151", subnetId: lab.id });
    // A machine saved before this check, with an address no subnet holds, can still be edited otherwise.
    await db.machine.update({ where: { hostname: "bulk-03" }, data: { ipv4: "10.250.0.3", subnetId: null } });
    expect((await patch("bulk-03", { rack: "r8" })).status).toBe(200);
  });

  it("deletes by hostname and frees its MAC", async () => {
    const del = await DELETE(apiRequest("/api/machines/bulk-24", { method: "DELETE" }), params({ id: "bulk-24" }));
    expect(del.status).toBe(204);
    expect(await db.interface.count({ where: { mac: "52:54:00:00:10:18" } })).toBe(0);
    expect((await getOne(apiRequest("/api/machines/bulk-24"), params({ id: "bulk-24" }))).status).toBe(404);
  });
});

describe("machine form input", () => {
  it("accepts BMC protocol none on create (the form sends bmc: null)", async () => {
    const { machineFormToInput } = await import("./form");
    const input = machineFormToInput({ hostname: "form-01", macs: "52:54:00:dd:00:01", bmcType: "none" });
    const res = await post(input);
    expect(res.status).toBe(201);
    expect((await res.json()).bmc).toBeNull();
  });
});
