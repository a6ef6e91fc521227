import { describe, expect, it } from "vitest";
import { consoleUrl, consoleUrlFromHost } from "./console-url";

describe("consoleUrl", () => {
  it("is FLEETBOOT_PUBLIC_URL when set (plain http only), else the request's Host", () => {
    const set = { FLEETBOOT_PUBLIC_URL: "http://10.0.0.5:3000/" } as NodeJS.ProcessEnv;
    expect(consoleUrl("evil.example", set)).toEqual({ ok: true, url: "http://10.0.0.5:3000" });
    expect(consoleUrlFromHost(set)).toBe(false);
    expect(consoleUrl("Console.Lab:3000", {} as NodeJS.ProcessEnv)).toEqual({ ok: true, url: "http://console.lab:3000" });
    expect(consoleUrlFromHost({ FLEETBOOT_PUBLIC_URL: "  " } as NodeJS.ProcessEnv)).toBe(true);
    expect(consoleUrl("x", { FLEETBOOT_PUBLIC_URL: "https://c" } as NodeJS.ProcessEnv)).toMatchObject({ ok: false, reason: expect.stringMatching(/no HTTPS/) });
    expect(consoleUrl("a b", {} as NodeJS.ProcessEnv)).toMatchObject({ ok: false });
    expect(consoleUrl(null, {} as NodeJS.ProcessEnv)).toMatchObject({ ok: false, reason: expect.stringMatching(/no Host header/) });
  });
});
