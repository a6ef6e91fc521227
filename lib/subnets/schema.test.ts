import { describe, expect, it } from "vitest";
import { checkSubnetLayout, countAddresses, parseSubnetCidr, placeInSubnet } from "./ipv4";
import { subnetCreateSchema, subnetEditSchema } from "./schema";

function errors(body: unknown): Record<string, string> {
  const r = subnetCreateSchema.safeParse(body);
  if (r.success) return {};
  return Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("parseSubnetCidr", () => {
  it("accepts a network in canonical form", () => {
    expect(parseSubnetCidr(" 10.20.0.0/22 ")).toEqual({ ok: true, cidr: "10.20.0.0/22" });
  });
  it("refuses a host address and suggests its network", () => {
    const r = parseSubnetCidr("10.0.0.5/24");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain("10.0.0.0/24");
  });
  it.each([
    ["fd00::/64", "IPv6"],
    ["10.0.0.0/31", "/30"],
    ["10.0.0.0/32", "/30"],
    ["10.0.0.0/7", "/8"],
    ["10.0.0.0/33", "/30"],
    ["10.0.0.0", "CIDR"],
    ["192.0.2.300/24", "not an IPv4"],
    ["10.0.1/24", "not an IPv4"],
    ["010.0.0.0/24", "not an IPv4"],
    ["0x0a.0.0.0/8", "not an IPv4"],
    ["10.0.0.0/24/1", "CIDR"],
    ["224.0.0.0/24", "a multicast range"],
    ["240.0.0.0/8", "reserved range 240.0.0.0/4"],
    ["0.0.0.0/8", "in 0.0.0.0/8"],
  ])("refuses %s", (input, words) => {
    const r = parseSubnetCidr(input);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(words);
  });
});

describe("address arithmetic", () => {
  it("places addresses relative to a subnet", () => {
    expect(placeInSubnet("10.0.0.1", "10.0.0.0/24")).toBe("inside");
    expect(placeInSubnet("10.0.0.0", "10.0.0.0/24")).toBe("network");
    expect(placeInSubnet("10.0.0.255", "10.0.0.0/24")).toBe("broadcast");
    expect(placeInSubnet("10.0.1.1", "10.0.0.0/24")).toBe("outside");
  });
  it("counts a range inclusively across octets, and a reversed range as empty", () => {
    expect(countAddresses("10.20.1.0", "10.20.3.250")).toBe(763);
    expect(countAddresses("10.0.0.9", "10.0.0.9")).toBe(1);
    expect(countAddresses("10.0.0.9", "10.0.0.1")).toBe(0);
  });
  it("keeps the gateway out of the pool, where onboarding and DHCP would hand it out", () => {
    expect(checkSubnetLayout({ cidr: "10.0.0.0/24", gateway: "10.0.0.1", poolStart: "10.0.0.1", poolEnd: "10.0.0.99" })).toEqual([
      { path: "poolStart", message: "the pool 10.0.0.1–10.0.0.99 holds the gateway 10.0.0.1; keep the gateway out of it" },
    ]);
    expect(checkSubnetLayout({ cidr: "10.0.0.0/24", gateway: "10.0.0.254", poolStart: "10.0.0.10", poolEnd: "10.0.0.254" })).toHaveLength(1);
    expect(checkSubnetLayout({ cidr: "10.0.0.0/24", gateway: "10.0.0.1", poolStart: "10.0.0.2", poolEnd: "10.0.0.254" })).toEqual([]);
  });
  it("requires both ends of a pool", () => {
    expect(checkSubnetLayout({ cidr: "10.0.0.0/24", poolStart: "10.0.0.10" })).toEqual([
      { path: "poolEnd", message: "give the last address of the pool as well" },
    ]);
  });
});

describe("subnetCreateSchema", () => {
  it("needs no more than a name and a CIDR", () => {
    expect(subnetCreateSchema.parse({ name: "Prod-A", cidr: "10.0.0.0/24" })).toEqual({ name: "prod-a", cidr: "10.0.0.0/24", dns: [] });
  });
  it("takes DNS servers comma or space separated, dropping duplicates", () => {
    expect(subnetCreateSchema.parse({ name: "a", cidr: "10.0.0.0/24", dns: "10.0.0.2, 10.0.0.3 10.0.0.2" }).dns).toEqual(["10.0.0.2", "10.0.0.3"]);
  });
  it("refuses what dnsmasq would silently take as a name: 192.0.2.300", () => {
    const e = errors({ name: "a", cidr: "10.0.0.0/24", gateway: "192.0.2.300", nextServer: "192.0.2.300", dns: ["192.0.2.300"] });
    expect(Object.keys(e).sort()).toEqual(["dns.0", "gateway", "nextServer"]);
  });
  it("refuses a reversed pool, which dnsmasq would also take", () => {
    expect(errors({ name: "a", cidr: "10.0.0.0/24", poolStart: "10.0.0.200", poolEnd: "10.0.0.100" })).toEqual({
      poolEnd: "the pool must end at or after its start (10.0.0.200)",
    });
  });
  it("keeps the gateway and pool inside the subnet and off its network and broadcast addresses", () => {
    const e = errors({ name: "a", cidr: "10.0.0.0/24", gateway: "10.0.1.1", poolStart: "10.0.0.0", poolEnd: "10.0.0.255" });
    expect(e.gateway).toBe("10.0.1.1 is outside 10.0.0.0/24");
    expect(e.poolStart).toContain("network address");
    expect(e.poolEnd).toContain("broadcast address");
  });
  it("accepts a host name or an address as next server, and RFC 1123 domains", () => {
    const ok = subnetCreateSchema.parse({ name: "a", cidr: "10.0.0.0/24", nextServer: "Boot-01.example.net", domain: "Prod.Example.NET." });
    expect(ok).toMatchObject({ nextServer: "boot-01.example.net", domain: "prod.example.net" });
    expect(Object.keys(errors({ name: "a", cidr: "10.0.0.0/24", domain: "a..b", nextServer: "-boot" })).sort()).toEqual(["domain", "nextServer"]);
    expect(errors({ name: "a", cidr: "10.0.0.0/24", domain: "under_score.net" })).toHaveProperty("domain");
  });
});

describe("subnetEditSchema", () => {
  const current = { cidr: "10.0.0.0/24", gateway: "10.0.0.1", poolStart: "10.0.0.10", poolEnd: "10.0.0.20" };
  it("checks a new CIDR against the stored gateway and pool", () => {
    const r = subnetEditSchema(current).safeParse({ cidr: "10.1.0.0/24" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["gateway", "poolEnd", "poolStart"]);
  });
  it("lets a cleared pool pass (null clears, undefined keeps)", () => {
    expect(subnetEditSchema(current).safeParse({ cidr: "10.1.0.0/24", gateway: null, poolStart: null, poolEnd: null }).success).toBe(true);
  });
});

describe("addresses that are never a host's", () => {
  it("are refused as DNS server or boot server, saying what they are", () => {
    expect(errors({ name: "a", cidr: "10.50.0.0/24", dns: ["255.255.255.255", "224.0.0.1", "0.0.0.0"], nextServer: "240.1.2.3" })).toEqual({
      "dns.2": '0.0.0.0 is in 0.0.0.0/8 ("this network"), not a host address',
      "dns.0": "255.255.255.255 is the broadcast address, not a host address",
      "dns.1": "224.0.0.1 is a multicast address, not a host address",
      nextServer: "240.1.2.3 is in the reserved range 240.0.0.0/4, not a host address",
    });
  });

  it("include the subnet's own network and broadcast address as its boot server, as for its gateway", () => {
    expect(errors({ name: "a", cidr: "10.50.0.0/24", nextServer: "10.50.0.255" })).toEqual({ nextServer: "10.50.0.255 is the broadcast address of 10.50.0.0/24, not a usable host address" });
    expect(errors({ name: "a", cidr: "10.50.0.0/24", nextServer: "10.50.0.0" })).toEqual({ nextServer: "10.50.0.0 is the network address of 10.50.0.0/24, not a usable host address" });
    // Elsewhere, or by name, it is fine: the TFTP server may live on another network.
    expect(errors({ name: "a", cidr: "10.50.0.0/24", nextServer: "10.9.0.255" })).toEqual({});
    expect(errors({ name: "a", cidr: "10.50.0.0/24", nextServer: "tftp.example.net" })).toEqual({});
    const edit = subnetEditSchema({ cidr: "10.50.0.0/24", nextServer: null }).safeParse({ nextServer: "10.50.0.255" });
    expect(edit.success).toBe(false);
  });
});
