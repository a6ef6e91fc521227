import { describe, expect, it } from "vitest";
import type { DhcpFleet } from "./model";
import { renderDhcpConfig } from "./render";
import { checkDhcpFleet, DhcpConfigError } from "./validate";

const options = { chainUrl: "http://10.20.0.5:3000/api/boot/ipxe", keaInterfaces: ["*"] };
const fleet = (): DhcpFleet => ({
  subnets: [
    { name: "prod-a", cidr: "10.20.0.0/22", gateway: "10.20.0.1", dns: ["10.20.0.2", "10.20.0.3"], domain: "prod-a.example.net", poolStart: "10.20.1.0", poolEnd: "10.20.3.250", nextServer: "10.20.0.10" },
    { name: "lab", cidr: "192.168.7.0/24", gateway: null, dns: [], domain: null, poolStart: null, poolEnd: null, nextServer: null },
  ],
  hosts: [
    { hostname: "stor-r01-01", ipv4: "10.20.1.1", macs: ["52:54:00:10:00:01"] },
    { hostname: "n2", ipv4: "10.20.1.2", macs: ["52:54:00:10:00:02", "52:54:00:10:00:03"] },
    { hostname: "lab-9", ipv4: "192.168.7.9", macs: ["52:54:00:20:00:09"] },
  ],
});
const FORMATS = ["isc", "kea", "dnsmasq"] as const;
const problems = (f: DhcpFleet, o = options) => checkDhcpFleet(f, o, "isc").map((p) => `${p.where}: ${p.message}`);

describe("DHCP validation catches what the checkers do not", () => {
  it("accepts the sample fleet", () => {
    for (const format of FORMATS) expect(checkDhcpFleet(fleet(), options, format)).toEqual([]);
  });

  it("refuses the same MAC under two hosts", () => {
    const f = fleet();
    f.hosts[2].macs = ["52:54:00:10:00:01"];
    expect(problems(f)).toEqual(["host lab-9: MAC 52:54:00:10:00:01 is also reserved for stor-r01-01"]);
  });

  it("refuses the same IP under two hosts, and duplicate hostnames", () => {
    const f = fleet();
    f.hosts.push({ hostname: "n2", ipv4: "10.20.1.1", macs: ["52:54:00:99:00:01"] });
    expect(problems(f)).toEqual(["host n2: the hostname is used by another host", "host n2: 10.20.1.1 is also reserved for stor-r01-01"]);
  });

  it("refuses an address in no declared subnet, and a subnet's own network or broadcast address", () => {
    const f = fleet();
    f.hosts[0].ipv4 = "10.99.0.1";
    f.hosts[2].ipv4 = "192.168.7.255";
    expect(problems(f)).toEqual(["host stor-r01-01: 10.99.0.1 is in no declared subnet", "host lab-9: 192.168.7.255 is the broadcast address of 192.168.7.0/24"]);
  });

  it("refuses a reversed range, a half range and 192.0.2.300", () => {
    const f = fleet();
    Object.assign(f.subnets[0], { poolStart: "10.20.3.0", poolEnd: "10.20.1.0" });
    Object.assign(f.subnets[1], { poolStart: "192.168.7.10", poolEnd: null, gateway: "192.168.7.300" });
    f.hosts[1].ipv4 = "192.0.2.300";
    expect(problems(f)).toEqual([
      "subnet prod-a: the pool is reversed: 10.20.3.0 comes after 10.20.1.0",
      'subnet lab: gateway "192.168.7.300" is not an IPv4 address',
      "subnet lab: a pool needs both a start and an end",
      'host n2: "192.0.2.300" is not an IPv4 address',
    ]);
  });

  it("refuses a host on its subnet's gateway address", () => {
    const f = fleet();
    f.hosts[0].ipv4 = "10.20.0.1";
    expect(problems(f)).toEqual(["host stor-r01-01: 10.20.0.1 is the gateway of subnet prod-a"]);
  });

  it("refuses overlapping subnets", () => {
    const f = fleet();
    f.subnets.push({ ...f.subnets[1], name: "lab-b", cidr: "192.168.0.0/16" });
    expect(problems(f)).toContain("subnet lab-b: 192.168.0.0/16 overlaps subnet lab (192.168.7.0/24)");
  });

  it.each([
    ["a hostname that closes the ISC block", (f: DhcpFleet) => (f.hosts[0].hostname = 'x"; } host evil { hardware ethernet 52:54:00:66:66:66; fixed-address 10.20.1.66; } #'), /hostname must be an RFC 1123 label/],
    ["an all-digit hostname", (f: DhcpFleet) => (f.hosts[0].hostname = "1234"), /RFC 1123/],
    ["a dnsmasq field separator in a hostname", (f: DhcpFleet) => (f.hosts[0].hostname = "a,set:evil"), /RFC 1123/],
    ["a domain with a quote", (f: DhcpFleet) => (f.subnets[0].domain = 'a.net"; option routers 1.2.3.4; #'), /is not a DNS name/],
    ["a subnet name that injects a dnsmasq tag", (f: DhcpFleet) => (f.subnets[1].name = "lab,tag:x"), /lower-case slug/],
    ["a non-normalised MAC", (f: DhcpFleet) => (f.hosts[0].macs = ["52:54:00:10:00:1"]), /not a normalised MAC/],
    ["a DNS server that is a name", (f: DhcpFleet) => (f.subnets[0].dns = ["ns1.example.net"]), /DNS server .* is not an IPv4 address/],
  ])("refuses %s", (_what, mutate, reason) => {
    const f = fleet();
    mutate(f);
    for (const format of FORMATS) {
      expect(() => renderDhcpConfig(format, f, options)).toThrow(DhcpConfigError);
      expect(checkDhcpFleet(f, options, format).map((p) => p.message).join("\n")).toMatch(reason);
    }
  });

  it("refuses a chain URL iPXE cannot fetch and Kea interfaces that are not names", () => {
    expect(checkDhcpFleet(fleet(), { ...options, chainUrl: 'https://c/api/boot/ipxe' }, "isc")[0].message).toMatch(/plain http/);
    expect(checkDhcpFleet(fleet(), { ...options, chainUrl: 'http://c/"; evil' }, "dnsmasq")).toHaveLength(1);
    expect(checkDhcpFleet(fleet(), { ...options, keaInterfaces: ['eth0", "x'] }, "kea")[0].message).toMatch(/not an interface name/);
  });

  it("needs an IPv4 next-server for Kea and dnsmasq, while dhcpd takes a host name", () => {
    const f = fleet();
    f.subnets[0].nextServer = "tftp.example.net";
    expect(checkDhcpFleet(f, options, "isc")).toEqual([]);
    expect(checkDhcpFleet(f, options, "kea")[0].message).toMatch(/Kea needs next-server as an IPv4 address/);
    expect(checkDhcpFleet(f, options, "dnsmasq")[0].message).toMatch(/dnsmasq needs next-server/);
  });
});

describe("renderers", () => {
  it("ISC: a subnet per Subnet, a host per boot interface, iPXE chainloading", () => {
    const text = renderDhcpConfig("isc", fleet(), options).text;
    expect(text).toContain("subnet 10.20.0.0 netmask 255.255.252.0 {");
    // The pool without its reserved addresses (10.20.1.1 and .2): dhcpd would lease them too.
    expect(text).toContain("  range 10.20.1.0 10.20.1.0;\n  range 10.20.1.3 10.20.3.250;\n}");
    expect(text).not.toContain("range 10.20.1.0 10.20.3.250");
    expect(text).toContain("  next-server 10.20.0.10;");
    expect(text).toContain('if exists user-class and option user-class = "iPXE" {\n  filename "http://10.20.0.5:3000/api/boot/ipxe";');
    expect(text).toMatch(/host n2 \{\n  hardware ethernet 52:54:00:10:00:02;\n  fixed-address 10\.20\.1\.2;/);
    expect(text).toMatch(/host n2-nic2 \{\n  hardware ethernet 52:54:00:10:00:03;\n  fixed-address 10\.20\.1\.2;/);
  });

  it("Kea: stable subnet ids, pools, reservations and client classes", () => {
    const config = JSON.parse(renderDhcpConfig("kea", fleet(), options).text).Dhcp4;
    expect(config["interfaces-config"].interfaces).toEqual(["*"]);
    expect(config["ip-reservations-unique"]).toBe(false);
    expect(config.subnet4[0]).toMatchObject({ id: 169082881, subnet: "10.20.0.0/22", pools: [{ pool: "10.20.1.0 - 10.20.3.250" }], "next-server": "10.20.0.10" });
    expect(config.subnet4[0].reservations).toHaveLength(3);
    expect(config.subnet4[1].reservations).toEqual([{ "hw-address": "52:54:00:20:00:09", "ip-address": "192.168.7.9", hostname: "lab-9" }]);
    expect(config["client-classes"][0]).toEqual({ name: "ipxe", test: "substring(option[77].hex,0,4) == 'iPXE'", "boot-file-name": options.chainUrl });
  });

  it("dnsmasq: tagged ranges (static without a pool), hosts and exclusive boot rules", () => {
    const text = renderDhcpConfig("dnsmasq", fleet(), options).text;
    expect(text).toContain("dhcp-range=set:s-prod-a,10.20.1.0,10.20.3.250,255.255.252.0,43200");
    expect(text).toContain("dhcp-range=set:s-lab,192.168.7.0,static,255.255.255.0,43200");
    expect(text).toContain("dhcp-host=52:54:00:10:00:02,52:54:00:10:00:03,10.20.1.2,n2");
    expect(text).toContain("dhcp-boot=tag:ipxe,http://10.20.0.5:3000/api/boot/ipxe");
    expect(text).toContain("dhcp-boot=tag:!ipxe,tag:!uefi,tag:s-prod-a,undionly.kpxe,,10.20.0.10");
  });

  it("renders the same text for the same fleet", () => {
    for (const format of FORMATS) expect(renderDhcpConfig(format, fleet(), options).text).toBe(renderDhcpConfig(format, fleet(), options).text);
  });
});
