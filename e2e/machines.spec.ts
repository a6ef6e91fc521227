import { expect, test } from "@playwright/test";

test("the machine list shows the demo fleet with states in words", async ({ page }) => {
  await page.goto("/machines");
  await expect(page.getByRole("heading", { name: "Machines" })).toBeVisible();
  await expect(page.getByText(/\d+ registered machines/)).toBeVisible();
  const rows = page.getByRole("row");
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(page.getByRole("cell", { name: "ready" }).first()).toBeVisible();
  // The keyboard's first stop skips the navigation.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main")!.contains(document.activeElement))).toBe(true);
});

test("the machine list is ordered by a column when its header is clicked, and again reversed", async ({ page }) => {
  await page.goto("/machines?rack=r02");
  const ip = page.getByRole("columnheader", { name: /IPv4/ });
  await expect(ip).toHaveAttribute("aria-sort", "none");
  // A tick belongs to the page it was made on: another order starts with none, so no bulk
  // action can reach a machine out of sight.
  await page.getByRole("checkbox", { name: /^Choose (?!every)/ }).first().check();
  await expect(page.getByRole("toolbar", { name: "Chosen machines" })).toContainText("1 machine chosen");
  await ip.getByRole("link").click();
  await expect(page).toHaveURL(/rack=r02&sort=ipv4$/);
  await expect(page.getByRole("columnheader", { name: /IPv4/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("toolbar", { name: "Chosen machines" })).toContainText("Tick machines to act on several at once");
  await expect(page.getByRole("navigation", { name: "Pages" })).toContainText(/^1–\d+ of \d+, by IPv4$/);
  const addresses = async () => (await page.locator("tbody tr td:nth-child(6)").allTextContents()).filter((a) => a !== "—");
  const up = await addresses();
  expect(up.length).toBeGreaterThan(1);
  const asNumber = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
  expect(up).toEqual([...up].sort((a, b) => asNumber(a) - asNumber(b)));
  await page.getByRole("columnheader", { name: /IPv4/ }).getByRole("link").click();
  await expect(page).toHaveURL(/sort=ipv4&dir=desc/);
  await expect(page.getByRole("columnheader", { name: /IPv4/ })).toHaveAttribute("aria-sort", "descending");
  expect(await addresses()).toEqual([...up].reverse());
});

test("the / key jumps to the machine search from anywhere on the list", async ({ page }) => {
  await page.goto("/machines");
  await page.getByRole("heading", { name: "Machines" }).click();
  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search hostname, MAC or IP" });
  await expect(search).toBeFocused();
  await page.keyboard.type("storage-r01");
  await expect(page).toHaveURL(/q=storage-r01/);
  // In a field, "/" is a character like any other.
  await expect(search).toHaveValue("storage-r01");
  await page.keyboard.type("/");
  await expect(search).toHaveValue("storage-r01/");
});

test("a machine that does not exist gets a 404 page that offers a search", async ({ page }) => {
  const res = await page.goto("/machines/no-such-machine");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such machine" })).toBeVisible();
  await page.getByLabel("Search machines").fill("storage-r01");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/machines\?q=storage-r01/);
  await expect(page.getByRole("row", { name: /storage-r01-01/ })).toBeVisible();
  expect((await page.goto("/no-such-page"))?.status()).toBe(404);
  await expect(page.getByText("Nothing is at this address")).toBeVisible();
});

test("a refused machine form puts each error next to its field and the keyboard on the first", async ({ page }) => {
  await page.goto("/machines/new");
  await page.getByLabel("Hostname").fill("e2e-form-01");
  await page.getByLabel("MAC addresses").fill("52:54:00:e2:f0:01");
  await page.getByLabel("IPv4 address").fill("10.98.7.7");
  await page.getByLabel("Protocol").selectOption("ipmi");
  await page.getByLabel("Address", { exact: true }).fill("10.21.9.9:623");
  await page.getByRole("button", { name: "Add machine" }).click();
  await expect(page.getByText("includes a port: put 623 in the port field")).toBeVisible();
  await expect(page.getByLabel("Address", { exact: true })).toBeFocused();
  // The BMC's errors are under their own fields, not repeated under Protocol.
  await expect(page.getByText("BMC username is required")).toHaveCount(1);

  await page.getByLabel("Protocol").selectOption("none");
  await page.getByRole("button", { name: "Add machine" }).click();
  await expect(page.getByText("10.98.7.7 is in no declared subnet").first()).toBeVisible();
  await expect(page.getByLabel("IPv4 address")).toBeFocused();
});

test("an operator ticks machines on the list and acts on them at once", async ({ page }) => {
  await page.goto("/machines?q=compute");
  const rows = page.getByRole("row").filter({ has: page.getByRole("checkbox") }).filter({ hasNot: page.getByRole("columnheader") });
  // Two that are not in maintenance (the demo puts each role's third machine there).
  const names = (await page.getByRole("link", { name: /^compute-/ }).allTextContents()).filter((n) => !n.endsWith("-03")).slice(0, 2);
  expect(names.length).toBe(2);
  for (const name of names) await page.getByRole("checkbox", { name: `Choose ${name}` }).check();
  const toolbar = page.getByRole("toolbar", { name: "Chosen machines" });
  await expect(toolbar).toContainText("2 machines chosen");
  await expect(toolbar.getByRole("link", { name: "Roll out…" })).toHaveAttribute("href", `/rollouts/new?${new URLSearchParams({ machines: names.join(",") })}`);
  await toolbar.getByRole("button", { name: "Maintenance on" }).click();
  await expect(page.getByRole("status").filter({ hasText: "put in maintenance" })).toHaveText(/^\d machines? put in maintenance\.$/);
  for (const name of names) await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("maintenance");
  // And back, so the demo fleet stays as other tests expect it.
  for (const name of names) await page.getByRole("checkbox", { name: `Choose ${name}` }).check();
  await toolbar.getByRole("button", { name: "Maintenance off" }).click();
  await expect(page.getByRole("status").filter({ hasText: "out of maintenance" })).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
});

test("health reports the embedded database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect((await res.json()).database.ok).toBe(true);
});

test("a power action is confirmed first, and a refusal is shown in full", async ({ page }) => {
  // A demo machine has a BMC address and user but no password stored.
  await page.goto("/machines/storage-r01-01");
  await page.getByRole("button", { name: "Power…" }).click();
  // The menu asks the BMC whether the machine is on; without a password it cannot, and says why.
  await expect(page.getByText(/^reading the power of storage-r01-01 over redfish failed: .*no BMC password stored|has no BMC password stored/)).toBeVisible();
  await page.getByRole("button", { name: "PXE reboot…" }).click();
  await expect(page.getByText("PXE reboot storage-r01-01? It restarts at once, whatever it is running, and boots from the network.")).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("button", { name: "Power off…" }).click();
  await page.getByRole("button", { name: "Power off", exact: true }).click();
  await expect(page.getByText("storage-r01-01 has no BMC password stored; set one on the machine's Edit page (or with PATCH /api/machines/storage-r01-01)")).toBeVisible();
});
