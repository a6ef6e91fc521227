import { expect, test } from "@playwright/test";
import { E2E_ADMIN_TOKEN } from "../playwright.config";

// Owns its data: MACs under 52:54:00:e3 and a rack of its own, so the demo fleet and the
// other specs are untouched.
const RACK = "e2e-onb";
const macs = Array.from({ length: 10 }, (_, i) => `52:54:00:e3:00:${(i + 1).toString(16).padStart(2, "0")}`);

// The same ten MACs as an ops engineer collects them: every notation, mixed case.
function mixed(mac: string, i: number): string {
  const hex = mac.replaceAll(":", "");
  switch (i % 4) {
    case 0: return mac;
    case 1: return mac.toUpperCase().replaceAll(":", "-");
    case 2: return `${hex.slice(0, 4)}.${hex.slice(4, 8)}.${hex.slice(8)}`;
    default: return `  ${hex.toUpperCase()}\t`;
  }
}

test("paste ten MACs, see exactly the bad lines, fix them, add the machines", async ({ page }) => {
  await page.goto("/machines/import");
  await expect(page.getByRole("heading", { name: "Add machines" })).toBeVisible();
  await page.getByLabel("Role").selectOption("block-frontend");
  await page.getByLabel("Subnet").selectOption("prod-a");
  await page.getByLabel("Rack", { exact: true }).fill(RACK);

  const good = macs.map(mixed);
  const bad = ["52:54:00:e3:00:1", "5254.00e3.0001"]; // a short octet; the first MAC again
  const box = page.getByLabel("Machines, one per line");
  await box.fill(["# ten new frontends", ...good.slice(0, 5), bad[0], ...good.slice(5), bad[1]].join("\n"));

  const status = page.getByRole("status").filter({ hasText: /ready/ });
  await expect(status).toHaveText("10 ready, 2 need attention");
  const preview = page.getByRole("table", { name: "Preview" });
  const flagged = preview.getByRole("row").filter({ hasText: /invalid|duplicate|conflict/ });
  await expect(flagged).toHaveCount(2);
  await expect(flagged.nth(0)).toContainText(/^\s*7/);
  await expect(flagged.nth(0)).toContainText("invalid");
  await expect(flagged.nth(0)).toContainText('octet 6 of "52:54:00:e3:00:1" has one digit');
  await expect(flagged.nth(1)).toContainText(/^\s*13/);
  await expect(flagged.nth(1)).toContainText("duplicate");
  await expect(flagged.nth(1)).toContainText("52:54:00:e3:00:01 is already on line 2");
  await expect(page.getByRole("button", { name: "Add machines" })).toBeDisabled();

  // Set the typo and the repeat aside: commented out, they stay in the text to fix later.
  await page.getByRole("button", { name: "Comment out the 2 lines that need attention" }).click();
  await expect(box).toHaveValue(["# ten new frontends", ...good.slice(0, 5), `# ${bad[0]}`, ...good.slice(5), `# ${bad[1]}`].join("\n"));
  await expect(status).toHaveText("10 ready");
  await page.getByRole("button", { name: "Add 10 machines" }).click();

  const added = page.getByRole("table", { name: "Added machines" });
  await expect(added.getByRole("row")).toHaveCount(11);
  for (const mac of macs) await expect(added.getByRole("row", { name: new RegExp(mac) })).toContainText(/10\.20\.\d+\.\d+/);

  await page.getByRole("link", { name: "Show them in the machine list" }).click();
  await expect(page).toHaveURL(new RegExp(`/machines\\?role=block-frontend&rack=${RACK}`));
  await expect(page.getByText("10 matching machines")).toBeVisible();
  for (const mac of macs) {
    const row = page.getByRole("row", { name: new RegExp(mac) });
    await expect(row).toContainText(/block-frontend-e2e-onb-\d\d/);
    await expect(row).toContainText(/10\.20\.\d+\.\d+/);
  }
});

test("an unknown MAC that asked to boot is onboarded from the inbox and leaves it", async ({ page, request }) => {
  const mac = "52:54:00:e3:ff:01";
  // A probe's HEAD is refused, not answered by running GET (which would record a boot).
  const head = await request.head(`/api/boot/ipxe?mac=${mac}`);
  expect(head.status()).toBe(405);
  expect(head.headers()["allow"]).toBe("GET, OPTIONS");
  expect((await request.get(`/api/boot/ipxe?mac=${mac}&arch=x86_64&platform=efi`)).status()).toBe(200);

  await page.goto("/machines/unknown");
  await expect(page.getByRole("heading", { name: "Unknown MACs" })).toBeVisible();
  // What it boots, and why: the hold script, and what the inbox knows.
  await page.getByRole("link", { name: mac }).click();
  await expect(page.getByRole("heading", { name: `What ${mac} boots` })).toBeVisible();
  await expect(page).toHaveTitle(`What ${mac} boots · Fleetboot`);
  await expect(page.getByRole("status")).toHaveText(/no machine has this MAC/);
  await expect(page.getByText(/asked 1 time, last/)).toContainText("efi, x86_64");
  await expect(page.getByLabel("iPXE script")).toContainText(`MAC ${mac} is not registered.`);
  await expect(page.getByRole("link", { name: "Register this MAC" })).toHaveAttribute("href", `/machines/import?macs=${encodeURIComponent(mac)}`);
  await page.getByRole("link", { name: "← Unknown MACs" }).click();
  await page.getByRole("checkbox", { name: `Select ${mac}` }).check();
  await page.getByRole("button", { name: "Onboard selected (1)" }).click();

  await expect(page).toHaveURL(/\/machines\/import\?macs=/);
  await expect(page.getByLabel("Machines, one per line")).toHaveValue(`${mac}\n`);
  await page.getByLabel("Role").selectOption("storage");
  await page.getByLabel("Rack", { exact: true }).fill(RACK);
  await page.getByRole("button", { name: "Add 1 machine" }).click();
  await expect(page.getByRole("table", { name: "Added machines" })).toContainText("storage-e2e-onb-01");
  // Asked for by its MAC, the preview now names the machine, in its heading and its title.
  await page.goto(`/machines/${mac.replaceAll(":", "-")}/boot`);
  await expect(page.getByRole("heading", { name: "What storage-e2e-onb-01 boots" })).toBeVisible();
  await expect(page).toHaveTitle("What storage-e2e-onb-01 boots · Fleetboot");

  await page.goto("/machines/unknown");
  await expect(page.getByRole("heading", { name: "Unknown MACs" })).toBeVisible();
  await expect(page.getByText(mac)).toHaveCount(0);
});

test("choosing a role brings the subnet its machines are in, until a subnet is chosen by hand", async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
  // With a second subnet the form no longer starts on the only one there is.
  const made = await request.post("/api/subnets", { headers: auth, data: { name: "e2e-spare", cidr: "10.99.7.0/24" } });
  expect(made.status()).toBe(201);
  try {
    await page.goto("/machines/import");
    const subnet = page.getByLabel("Subnet");
    await expect(subnet).toHaveValue("");
    await page.getByLabel("Role").selectOption("storage");
    await expect(subnet).toHaveValue("prod-a");
    await subnet.selectOption({ label: "e2e-spare (10.99.7.0/24)" });
    await page.getByLabel("Role").selectOption("compute");
    await expect(subnet).toHaveValue("e2e-spare");
    await expect(page.getByText("Most compute machines are in prod-a.")).toBeVisible();
  } finally {
    expect((await request.delete("/api/subnets/e2e-spare", { headers: auth })).ok()).toBe(true);
  }
});
