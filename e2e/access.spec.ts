import { expect, test } from "@playwright/test";
import { loginAs } from "./login";
import { E2E_ADMIN_TOKEN } from "../playwright.config";

const auth = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

test("a viewer can look but not change; an operator can; the audit log shows both", async ({ page, browser, request }) => {
  // The admin (this test's session) creates a viewer and an operator.
  for (const role of ["viewer", "operator"]) {
    await page.goto("/settings/users");
    await page.getByLabel("Email").fill(`${role}-${Date.now()}@e2e.test`);
    await page.getByLabel("Role", { exact: true }).selectOption(role);
    await page.getByLabel("Initial password").fill(`${role}-password-123`);
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByText(/User .* created/)).toBeVisible();
  }
  const emails = await page.getByRole("cell", { name: /@e2e\.test/ }).allTextContents();
  const viewer = emails.find((e) => e.startsWith("viewer-"))!;
  const operator = emails.find((e) => e.startsWith("operator-"))!;

  const v = await loginAs(browser, viewer, "viewer-password-123");
  await v.goto("/machines");
  await expect(v.getByRole("heading", { name: "Machines" })).toBeVisible();
  await expect(v.getByRole("link", { name: /Add machine/ })).toHaveCount(0);
  // A direct POST with the viewer's session is refused, whatever the UI shows.
  const refused = await v.request.post("/api/machines", {
    headers: { origin: new URL(v.url()).origin },
    data: { hostname: "viewer-made", macs: ["52:54:00:e2:e1:01"] },
  });
  expect(refused.status()).toBe(403);
  // Pages with forms say who may change them instead of offering a form that would be refused.
  await v.goto("/machines/new");
  await expect(v.getByText(/Only operators and admins can add machines; you are a viewer/)).toBeVisible();
  await expect(v.getByRole("button", { name: "Add machine" })).toHaveCount(0);

  const o = await loginAs(browser, operator, "operator-password-123");
  await o.goto("/machines");
  await o.getByRole("link", { name: "Add machine", exact: true }).click();
  await expect(o).toHaveURL(/\/machines\/new$/);
  await expect(o.getByRole("heading", { name: "Add a machine" })).toBeVisible();
  await o.getByLabel("Hostname").fill("operator-made");
  await o.getByLabel("MAC addresses").fill("52:54:00:e2:e1:02");
  await o.getByRole("button", { name: "Add machine" }).click();
  await expect(o).toHaveURL(/\/machines\/operator-made$/);

  await page.goto(`/audit?actor=${encodeURIComponent(viewer)}`);
  await expect(page.getByRole("cell", { name: "access.denied" })).toBeVisible();
  await page.goto(`/audit?actor=${encodeURIComponent(operator)}`);
  await expect(page.getByRole("cell", { name: "machine.create" })).toBeVisible();
  await request.delete("/api/machines/operator-made", { headers: auth });
});
