import { expect, test } from "@playwright/test";

// The operator's first hour: an image with a version, a role that boots it, a machine of
// that role — found again by its MAC in another notation, then removed.
test("create an image version and a role, add a machine, find it by MAC, delete it", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const image = `e2e-image-${suffix}`;
  const role = `e2e-role-${suffix}`;
  const hostname = `e2e-node-${suffix}`;

  await page.goto("/images");
  await page.getByLabel("Name").fill(image);
  await page.getByRole("button", { name: "Create image" }).click();
  await expect(page).toHaveURL(new RegExp(`/images/${image}$`));
  await expect(page).toHaveTitle(`Image ${image} · Fleetboot`);

  await page.getByLabel("Version").fill("1.0.0");
  await page.getByLabel("Kernel path").fill(`${image}/1.0.0/vmlinuz`);
  await page.getByLabel("Initrd path").fill(`${image}/1.0.0/initrd.img`);
  await page.getByLabel("Squashfs path").fill(`${image}/1.0.0/root.iso`);
  await page.getByRole("button", { name: "Add version" }).click();
  // The error names the field that caused it, and nothing was added.
  await expect(page.getByRole("alert").filter({ hasText: /must end in \.squashfs/ })).toBeVisible();
  await page.getByLabel("Squashfs path").fill(`${image}/1.0.0/filesystem.squashfs`);
  await page.getByRole("button", { name: "Add version" }).click();
  await expect(page.getByRole("cell", { name: "1.0.0", exact: true })).toBeVisible();

  await page.goto("/roles");
  await page.getByLabel("Name").fill(role);
  await page.getByRole("button", { name: "Create role" }).click();
  await expect(page).toHaveURL(new RegExp(`/roles/${role}$`));
  await expect(page).toHaveTitle(`Role ${role} · Fleetboot`);
  await page.getByLabel("Desired version").selectOption({ label: `${image}:1.0.0 (candidate)` });
  await page.getByRole("button", { name: "Save role" }).click();
  await expect(page.getByRole("link", { name: `${image}:1.0.0` }).first()).toBeVisible();

  await page.goto("/machines/new");
  await page.getByLabel("Hostname").fill(hostname);
  await page.getByLabel("MAC addresses").fill("52-54-00-E2-E0-01");
  await page.getByLabel("Role").selectOption(role);
  await page.getByLabel("Subnet").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Add machine" }).click();
  await expect(page).toHaveURL(new RegExp(`/machines/${hostname}$`));
  await expect(page.getByText("52:54:00:e2:e0:01")).toBeVisible();
  await expect(page).toHaveTitle(`${hostname} · Fleetboot`);
  const address = page.locator("dt", { hasText: /^IPv4$/ }).locator("+ dd");
  await expect(address).toContainText(/^\d+\.\d+\.\d+\.\d+ in \S+$/);
  const placed = await address.innerText();

  // Edited with the subnet left to the address: the subnet that holds the address stays.
  // (Both the address and its subnet are shown as "10.x.y.z in <subnet>".)
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page).toHaveTitle(`Edit ${hostname} · Fleetboot`);
  await page.getByLabel("Subnet").selectOption({ label: "(from the address, if any holds it)" });
  await page.getByLabel("Rack").fill("e2e-rack");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`/machines/${hostname}\\?saved=1$`));
  await expect(address).toHaveText(placed);
  await expect(page.getByText("e2e-rack")).toBeVisible();

  await page.goto("/machines");
  await page.getByRole("searchbox", { name: "Search hostname, MAC or IP" }).fill("5254.00e2.e001");
  await expect(page.getByRole("row")).toHaveCount(2);
  const row = page.getByRole("row", { name: new RegExp(hostname) });
  await expect(row).toContainText("new");
  await expect(row).toContainText(role);
  await row.getByRole("link", { name: hostname }).click();

  await page.getByRole("button", { name: "Delete…" }).click();
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/machines$/);
  await page.getByRole("searchbox", { name: "Search hostname, MAC or IP" }).fill("52:54:00:e2:e0:01");
  await expect(page.getByText("No machine matches these filters")).toBeVisible();
});
