import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { e2eDatabase } from "./db";

// The manager's view of the demo fleet (prisma/seed.ts): storage 14 of 24 machines on
// the desired version, block-frontend 8 of 16, compute 6 of 10.

function roleRow(page: Page, role: string) {
  return page.getByRole("row").filter({ has: page.getByRole("link", { name: role, exact: true }) });
}

test("the Fleet page shows, per role, how much of the demo fleet runs its desired version", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Fleet", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle("Fleet · Fleetboot");
  for (const [role, converged, total, pct] of [
    ["storage", 14, 24, "58%"],
    ["block-frontend", 8, 16, "50%"],
    ["compute", 6, 10, "60%"],
  ] as const) {
    const row = roleRow(page, role);
    await expect(row).toContainText(`${converged} / ${total}`);
    await expect(row.getByRole("cell", { name: pct, exact: true })).toBeVisible();
  }
  // The version chart says in words what its bars show.
  await expect(page.getByRole("img", { name: /storage: 14 on debian-storage:2026\.11\.0 \(desired\), 9 on debian-storage:2026\.10\.2, 1 never reported/ })).toBeVisible();
  await expect(page.getByRole("figure").getByText("Desired version", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: /On another version/ }).click();
  await expect(page).toHaveURL(/\/fleet\/drift\?kind=version$/);
});

test("a machine that reports the desired version moves its role's percentage live, without a reload", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("status").filter({ hasText: "live" })).toBeVisible();
  const storage = roleRow(page, "storage");
  await expect(storage).toContainText("14 / 24");
  let reloaded = false;
  page.on("load", () => (reloaded = true));

  const db = await e2eDatabase();
  const { rows } = await db.query(`
    SELECT m.id, m.booted_version_id, m.booted_image_sha256, m.last_boot_at, r.desired_version_id, v.sha256 AS desired_sha256
    FROM machines m JOIN roles r ON r.id = m.role_id JOIN image_versions v ON v.id = r.desired_version_id
    WHERE r.name = 'storage' AND m.booted_version_id <> r.desired_version_id
    ORDER BY m.hostname LIMIT 1`);
  const m = rows[0];
  const report = async (version: string, sha: string | null, bootedAt: Date | null) => {
    await db.query(`UPDATE machines SET booted_version_id = $2, booted_image_sha256 = $3, last_boot_at = coalesce($4, now()) WHERE id = $1`, [m.id, version, sha, bootedAt]);
    // The event is what the open page hears (LISTEN/NOTIFY → SSE → refresh).
    await db.query(`INSERT INTO events (kind, machine_id, payload) VALUES ('machine.reported', $1, '{"source": "e2e"}')`, [m.id]);
  };
  try {
    await report(m.desired_version_id, m.desired_sha256, null);
    await expect(storage).toContainText("15 / 24");
    await expect(storage.getByRole("cell", { name: "62%", exact: true })).toBeVisible();
    expect(reloaded).toBe(false);
  } finally {
    await report(m.booted_version_id, m.booted_image_sha256, m.last_boot_at);
    await db.end();
  }
  await expect(storage).toContainText("14 / 24");
});

test("the drift list of a role links a prefilled rollout and exports the same machines as CSV", async ({ page }) => {
  await page.goto("/fleet/drift?kind=version&role=storage");
  await expect(page.getByRole("link", { name: "On another version 9" })).toHaveAttribute("aria-current", "page");
  const rows = page.getByRole("row").filter({ has: page.getByRole("cell") });
  await expect(rows).toHaveCount(9);
  const hostnames = (await rows.locator("td:first-child a").allTextContents()).sort();
  await expect(page.getByRole("link", { name: "Roll these 9 machines" })).toHaveAttribute("href", `/rollouts/new?role=storage&machines=${hostnames.join(",")}`);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download CSV/ }).click()]);
  expect(download.suggestedFilename()).toBe("fleet-drift_version_role-storage.csv");
  const lines = (await readFile(await download.path(), "utf8")).trim().split("\r\n");
  expect(lines[0]).toMatch(/^hostname,role,rack,state,maintenance,booted_version,desired_version,/);
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(hostnames);

  await page.getByRole("columnheader", { name: /Last boot/ }).getByRole("link").click();
  await expect(page.getByRole("columnheader", { name: /Last boot/ })).toHaveAttribute("aria-sort", "ascending");
});

test("the rack view shows every machine of a rack with words on each cell, coloured by version or by state", async ({ page }) => {
  await page.goto("/fleet/racks?role=storage");
  const rack = page.getByRole("region", { name: "Rack r01" });
  await expect(rack).toContainText("6 machines");
  await expect(rack.getByRole("link", { name: /^storage-r01-01 · storage · / })).toBeVisible();
  await expect(page.getByRole("list", { name: "Legend" }).getByRole("listitem").first()).toHaveText(/^debian-storage:2026\.11\.0 \(desired\)\s*× 14$/);
  await page.getByRole("link", { name: "state" }).click();
  await expect(page).toHaveURL(/by=state/);
  await expect(page.getByRole("list", { name: "Legend" })).toContainText("ready");
});

test("the trend page draws a line per role and says what it measures", async ({ page }) => {
  await page.goto("/fleet/trend?range=24h");
  await expect(page.getByText("What is measured")).toBeVisible();
  await expect(page.getByRole("img", { name: /^storage: share on debian-storage:2026\.11\.0, 58\.3% now/ })).toBeVisible();
});
