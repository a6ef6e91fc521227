import { describe, expect, it } from "vitest";
import { consoleUrl, consoleUrlFromHost } from "./console-url";

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;

describe("consoleUrl", () => {
  it("is FLEETBOOT_PUBLIC_URL when set (plain http only), else the request's Host", () => {
    const set = env({ FLEETBOOT_PUBLIC_URL: "http://10.0.0.5:3000/" });
    expect(consoleUrl("evil.example", set)).toEqual({ ok: true, url: "http://10.0.0.5:3000" });
    expect(consoleUrlFromHost(set)).toBe(false);
    expect(consoleUrl("Console.Lab:3000", env({}))).toEqual({ ok: true, url: "http://console.lab:3000" });
    expect(consoleUrlFromHost(env({ FLEETBOOT_PUBLIC_URL: "  " }))).toBe(true);
    expect(consoleUrl("x", env({ FLEETBOOT_PUBLIC_URL: "https://c" }))).toMatchObject({ ok: false, reason: expect.stringMatching(/no HTTPS/) });
    expect(consoleUrl("a b", env({}))).toMatchObject({ ok: false });
    expect(consoleUrl(null, env({}))).toMatchObject({ ok: false, reason: expect.stringMatching(/no Host header/) });
  });
});
