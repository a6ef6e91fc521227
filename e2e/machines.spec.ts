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
