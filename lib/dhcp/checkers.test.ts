import { describe, expect, it } from "vitest";
import { checkDhcpConfig } from "./check";
import type { DhcpFleet } from "./model";
import { renderDhcpConfig } from "./render";

// The daemons' real checkers (Debian isc-dhcp-server, kea-dhcp4-server, dnsmasq). A
// missing binary fails the test with the package to install; it never passes silently.

const FORMATS = ["isc", "kea", "dnsmasq"] as const;
const options = { chainUrl: "http://10.20.0.5:3000/api/boot/ipxe", keaInterfaces: ["*"] };
const mac = (n: number) => `52:54:00:${[(n >> 16) & 255, (n >> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;

function bigFleet(): DhcpFleet {
  const subnets: DhcpFleet["subnets"] = [
    { name: "prod-a", cidr: "10.20.0.0/22", gateway: "10.20.0.1", dns: ["10.20.0.2", "10.20.0.3"], domain: "prod-a.example.net", poolStart: "10.20.3.0", poolEnd: "10.20.3.250", nextServer: "10.20.0.10" },
    { name: "prod-b", cidr: "10.21.0.0/16", gateway: "10.21.0.1", dns: ["10.21.0.2"], domain: "b.example.net", poolStart: null, poolEnd: null, nextServer: "10.21.0.10" },
    { name: "lab-7", cidr: "192.168.7.0/24", gateway: null, dns: [], domain: null, poolStart: "192.168.7.200", poolEnd: "192.168.7.250", nextServer: null },
  ];
  const hosts: DhcpFleet["hosts"] = [];
  for (let i = 1; i <= 700; i++) hosts.push({ hostname: `stor-r0${i % 4}-${String(i).padStart(4, "0")}`, ipv4: `10.20.${1 + Math.floor(i / 250)}.${i % 250 || 251}`, macs: [mac(i)] });
  for (let i = 1; i <= 1500; i++) hosts.push({ hostname: `c${i}-x2`, ipv4: `10.21.${Math.floor(i / 200)}.${(i % 200) + 2}`, macs: [mac(0x10000 + i)] });
  hosts.push({ hostname: "lab-9", ipv4: "192.168.7.9", macs: [mac(0x20001), mac(0x20002)] });
  hosts.push({ hostname: "7-of-9", ipv4: "192.168.7.10", macs: [mac(0x20003)] });
  return { subnets, hosts };
}

describe("the daemons' own checkers accept what Fleetboot renders", () => {
  it.each(FORMATS)("%s: a fleet of 2,200 hosts over three subnets", async (format) => {
    const { text } = renderDhcpConfig(format, bigFleet(), options);
    const result = await checkDhcpConfig(format, text);
    expect(result.ok, `${result.command}\n${result.output}`).toBe(true);
  });

  it.each(FORMATS)("%s: subnets alone, no hosts", async (format) => {
    const result = await checkDhcpConfig(format, renderDhcpConfig(format, { subnets: bigFleet().subnets, hosts: [] }, options).text);
    expect(result.ok, result.output).toBe(true);
  });

  it("ISC accepts a next-server given as a host name", async () => {
    const fleet = bigFleet();
    fleet.subnets[0].nextServer = "tftp.example.net";
    const result = await checkDhcpConfig("isc", renderDhcpConfig("isc", fleet, options).text);
    expect(result.ok, result.output).toBe(true);
  });

  it("Kea accepts named interfaces that exist here", async () => {
    const result = await checkDhcpConfig("kea", renderDhcpConfig("kea", bigFleet(), { ...options, keaInterfaces: ["lo"] }).text);
    expect(result.ok, result.output).toBe(true);
  });
});

describe("the checkers are really consulted", () => {
  it.each([
    ["isc", "host x { hardware ethernet 52:54:00:zz:00:01; }\n", /hardware|expecting|parse/i],
    ["kea", '{"Dhcp4": {"subnet4": [{"subnet": "10.0.0.0/24", "pools": [{"pool": "10.1.0.1 - 10.1.0.9"}]}]}}\n', /pool/i],
    ["dnsmasq", "dhcp-range=10.0.0.5\nno-such-option=1\n", /bad dhcp-range/],
  ] as const)("%s rejects a broken config, and the output says why", async (format, text, why) => {
    const result = await checkDhcpConfig(format, text);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(why);
  });
});
