import { describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress, parseCidrList } from "./client-address";

describe("clientAddress", () => {
  it("uses the socket and ignores a forged X-Forwarded-For", () => {
    expect(clientAddress("203.0.113.5", "10.20.0.7", [])).toBe("203.0.113.5");
    expect(clientAddress("::ffff:10.1.2.3", undefined, [])).toBe("10.1.2.3");
  });

  it("believes trusted proxies, taking the nearest untrusted hop", () => {
    const proxies = parseCidrList("127.0.0.1/32, 10.0.0.0/24");
    expect(clientAddress("127.0.0.1", "10.20.0.7", proxies)).toBe("10.20.0.7");
    expect(clientAddress("127.0.0.1", "198.51.100.9, 10.20.0.7, 10.0.0.4", proxies)).toBe("10.20.0.7");
    expect(clientAddress("127.0.0.1", "garbage", proxies)).toBe("127.0.0.1");
  });
});

describe("normalizeAddress", () => {
  it("gives IPv4 as a dotted quad, IPv4-mapped IPv6 included, and IPv6 in its canonical form", () => {
    expect(normalizeAddress("10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeAddress("::ffff:192.168.255.250")).toBe("192.168.255.250");
    expect(normalizeAddress("::FFFF:10.0.0.1")).toBe("10.0.0.1");
    expect(normalizeAddress("::1")).toBe("::1");
    expect(normalizeAddress("2001:DB8:0:0::1")).toBe("2001:db8::1");
    expect(normalizeAddress("::ffff:a00:1")).toBe("10.0.0.1");
  });
});
