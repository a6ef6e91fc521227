import { expect, test } from "@playwright/test";

test("the machine list shows the demo fleet with states in words", async ({ page }) => {
  await page.goto("/machines");
  await expect(page.getByRole("heading", { name: "Machines" })).toBeVisible();
  await expect(page.getByText(/\d+ registered machines/)).toBeVisible();
  const rows = page.getByRole("row");
  expect(await rows.count()).toBeGreaterThan(10);
  await expect(page.getByRole("cell", { name: "ready" }).first()).toBeVisible();
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
  await page.getByRole("button", { name: "PXE reboot…" }).click();
  await expect(page.getByText("PXE reboot storage-r01-01? It restarts at once, whatever it is running, and boots from the network.")).toBeVisible();
  await page.getByRole("button", { name: "Back" }).click();
  await page.getByRole("button", { name: "Power off…" }).click();
  await page.getByRole("button", { name: "Power off", exact: true }).click();
  await expect(page.getByText("storage-r01-01 has no BMC password stored; set one on the machine's Edit page (or with PATCH /api/machines/storage-r01-01)")).toBeVisible();
});
