import { expect, test as setup } from "@playwright/test";
import { ADMIN_STATE, E2E_ADMIN } from "../playwright.config";

setup("log in as the first admin", async ({ page }) => {
  await page.goto("/machines");
  await expect(page).toHaveURL(/\/login\?next=%2Fmachines/);
  // The tab's icon is served before anyone logs in.
  const icon = await page.request.get("/icon.svg", { maxRedirects: 0 });
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByText("Wrong email or password")).toBeVisible();
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL(/\/machines$/);
  await page.context().storageState({ path: ADMIN_STATE });
});
