import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";
import { e2eDatabase } from "./db";

const auth = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

// The DHCP page: what each daemon's config holds, why it cannot be rendered when it
// cannot, and the same file to download as config management polls from the API.
test("the DHCP page names what blocks the config, then previews and downloads each daemon's file", async ({ page, request }) => {
  const subnet = await request.post("/api/subnets", { headers: auth, data: { name: "e2e-dhcp", cidr: "10.99.0.0/24", gateway: "10.99.0.1" } });
  expect(subnet.status(), await subnet.text()).toBe(201);
  const made = ["e2e-dhcp-01", "e2e-dhcp-stray"];
  try {
    for (const data of [
      { hostname: "e2e-dhcp-01", macs: ["52:54:01:99:00:11"], ipv4: "10.99.0.11", subnet: "e2e-dhcp" },
      { hostname: "e2e-dhcp-stray", macs: ["52:54:01:98:00:09"] },
    ]) {
      const res = await request.post("/api/machines", { headers: auth, data });
      expect(res.status(), await res.text()).toBe(201);
    }
    // An address in no declared subnet: no DHCP server could hand it out. The console
    // refuses one, but a database from before that check may hold one.
    const refused = await request.patch("/api/machines/e2e-dhcp-stray", { headers: auth, data: { ipv4: "10.98.0.9" } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).error.message).toContain("10.98.0.9 is in no declared subnet");
    const database = await e2eDatabase();
    try {
      await database.query("UPDATE machines SET ipv4 = '10.98.0.9' WHERE hostname = 'e2e-dhcp-stray'");
    } finally {
      await database.end();
    }

    await page.goto("/machines");
    await page.getByRole("link", { name: "DHCP configs" }).click();
    await expect(page.getByRole("heading", { name: "DHCP", level: 1 })).toBeVisible();
    await expect(page.getByRole("link", { name: "ISC dhcpd" })).toHaveAttribute("aria-current", "page");
    await expect(page.getByText("cannot render")).toBeVisible();
    await expect(page.getByRole("row", { name: /host e2e-dhcp-stray/ })).toContainText("10.98.0.9 is in no declared subnet");
    await expect(page.getByRole("link", { name: /^Download/ })).toHaveCount(0);

    expect((await request.delete("/api/machines/e2e-dhcp-stray", { headers: auth })).status()).toBe(204);
    made.pop();

    for (const [tab, file, line] of [
      ["ISC dhcpd", "dhcpd.conf", "hardware ethernet 52:54:01:99:00:11;"],
      ["Kea DHCPv4", "kea-dhcp4.conf", '"hw-address": "52:54:01:99:00:11"'],
      ["dnsmasq", "dnsmasq.conf", "dhcp-host=52:54:01:99:00:11,10.99.0.11,e2e-dhcp-01"],
    ]) {
      await page.getByRole("link", { name: tab, exact: true }).click();
      await expect(page.getByRole("link", { name: tab, exact: true })).toHaveAttribute("aria-current", "page");
      await expect(page.getByText("renders", { exact: true }), "every earlier test must leave the fleet renderable").toBeVisible();
      await expect(page.getByLabel(`${file} preview`)).toBeVisible();
      const etag = (await page.locator("dt", { hasText: "ETag" }).locator("+ dd").textContent())?.trim();

      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download ${file}` }).click()]);
      expect(download.suggestedFilename()).toBe(file);
      const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString("utf8"));
      expect(text).toContain(line);
      // The page's ETag is the API's: config management that polls sees the same file.
      const api = await request.get(`/api/dhcp/${file === "dhcpd.conf" ? "isc" : file === "dnsmasq.conf" ? "dnsmasq" : "kea"}`, { headers: { ...auth, "if-none-match": etag! } });
      expect(api.status()).toBe(304);
    }
  } finally {
    for (const hostname of made) await request.delete(`/api/machines/${hostname}`, { headers: auth });
    await request.delete("/api/subnets/e2e-dhcp", { headers: auth });
  }
});
