import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";

const auth = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

test("the machine list updates live when a machine changes, without a reload", async ({ page, request }) => {
  const hostname = "compute-r01-01";
  await page.goto(`/machines?q=${hostname}`);
  const row = page.getByRole("row", { name: new RegExp(hostname) });
  await expect(row).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "live" })).toBeVisible();
  await expect(row.getByText("maintenance")).toHaveCount(0);
  let reloaded = false;
  page.on("load", () => (reloaded = true));

  const res = await request.patch(`/api/machines/${hostname}`, { headers: auth, data: { maintenance: true } });
  expect(res.status()).toBe(200);

  await expect(row.getByText("maintenance")).toBeVisible();
  expect(reloaded).toBe(false);
  await request.patch(`/api/machines/${hostname}`, { headers: auth, data: { maintenance: false } });
});

test("a held page stays still and counts what changed, and Show brings it in", async ({ page, request }) => {
  const hostname = "compute-r01-01";
  await page.goto(`/machines?q=${hostname}`);
  const row = page.getByRole("row", { name: new RegExp(hostname) });
  await expect(page.getByRole("status").filter({ hasText: "live" })).toBeVisible();
  await page.getByRole("button", { name: "Hold live updates" }).click();
  await expect(page.getByRole("button", { name: "Show live updates" })).toHaveAttribute("aria-pressed", "true");

  expect((await request.patch(`/api/machines/${hostname}`, { headers: auth, data: { maintenance: true } })).status()).toBe(200);
  await expect(page.getByRole("status").filter({ hasText: /held, \d+ updates? waiting/ })).toBeVisible();
  await expect(row.getByText("maintenance")).toHaveCount(0);

  await page.getByRole("button", { name: "Show live updates" }).click();
  await expect(row.getByText("maintenance")).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "live" })).toBeVisible();
  await request.patch(`/api/machines/${hostname}`, { headers: auth, data: { maintenance: false } });
});
