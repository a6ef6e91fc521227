import { expect, test } from "@playwright/test";
import { SimulatedFleet } from "../lib/simulator/fleet";
import { ADMIN_STATE, E2E_ADMIN_TOKEN } from "../playwright.config";
import { loginAs } from "./login";

// Owns its data: role, image and machines named e2ero*, simulated machines (loopback
// addresses, a simulated Redfish BMC) that the console really power-cycles and deploys.
const auth = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };
const ROLE = "e2ero";
const IMAGE = "e2ero-os";

test.describe.configure({ mode: "serial" });

let fleet: SimulatedFleet;
const users = { operator: "", viewer: "" };
let rolloutUrl = "";

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  test.setTimeout(60_000);
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: auth });
  const must = async (res: Awaited<ReturnType<typeof api.post>>) => expect(res.ok(), await res.text()).toBe(true);
  await must(await api.post("/api/images", { data: { name: IMAGE } }));
  for (const version of ["1", "2"]) {
    await must(await api.post(`/api/images/${IMAGE}/versions`, { data: { version, kernelPath: "e2ero/vmlinuz", initrdPath: "e2ero/initrd.img", squashfsPath: "e2ero/filesystem.squashfs" } }));
  }
  await must(await api.post("/api/roles", { data: { name: ROLE, imageVersion: `${IMAGE}:1`, deployCommand: ["true"] } }));
  fleet = await SimulatedFleet.start({ consoleUrl: baseURL!, count: 8, racks: 2, bootSeconds: 2, bootJitter: 0, prefix: ROLE });
  await must(await api.post("/api/subnets", { data: fleet.subnet }));
  for (const spec of fleet.specs) {
    await must(await api.post("/api/machines", { data: { hostname: spec.hostname, macs: [spec.mac], ipv4: spec.ip, rack: spec.rack, role: ROLE, bmc: fleet.bmcSettings(spec) } }));
  }
  fleet.powerOnAll();
  await expect
    .poll(async () => ((await (await api.get(`/api/machines?role=${ROLE}`)).json()).items as { state: string }[]).filter((m) => m.state === "ready").length, { timeout: 30_000 })
    .toBe(8);
  await api.dispose();

  // The admin makes an operator and a viewer.
  const admin = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  for (const role of ["operator", "viewer"] as const) {
    users[role] = `${role}-ro-${Date.now()}@e2e.test`;
    await admin.goto("/settings/users");
    await admin.getByLabel("Email").fill(users[role]);
    await admin.getByLabel("Role", { exact: true }).selectOption(role);
    await admin.getByLabel("Initial password").fill(`${role}-password-123`);
    await admin.getByRole("button", { name: "Create user" }).click();
    await expect(admin.getByText(/User .* created/)).toBeVisible();
  }
  await admin.context().close();
});

test.afterAll(async ({ playwright, baseURL }) => {
  await fleet?.stop();
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: auth });
  for (const spec of fleet?.specs ?? []) await api.delete(`/api/machines/${spec.hostname}`);
  await api.delete(`/api/roles/${ROLE}`);
  await api.dispose();
});

test("an operator previews a rollout, starts it, pauses and resumes it, and watches it finish without a reload", async ({ browser }) => {
  test.setTimeout(60_000);
  const page = await loginAs(browser, users.operator, "operator-password-123");
  await page.goto(`/roles/${ROLE}`);
  await page.getByRole("link", { name: "Roll out" }).click();
  await expect(page).toHaveURL(new RegExp(`/rollouts/new\\?role=${ROLE}$`));
  await expect(page.getByLabel("Role", { exact: true })).toHaveValue(ROLE);

  // The preview follows the form: 8 machines in batches of 3 across the two racks.
  await page.getByLabel("Target version").selectOption(`${IMAGE}:2`);
  await page.getByLabel("Batch size").fill("3");
  const batches = page.getByRole("table", { name: "Planned batches" });
  await expect(batches.getByRole("row")).toHaveCount(4);
  await expect(batches).toContainText(`${ROLE}-0001`);
  await expect(page.getByText(`${IMAGE}:2 becomes its desired version`)).toBeVisible();

  // A field error lands next to its field, and nothing can start meanwhile.
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByLabel("Start", { exact: true }).fill("01:00");
  await page.getByLabel("End", { exact: true }).fill("05:00");
  await expect(page.locator("#f-windowTimezone-error")).toContainText("IANA time zone");
  await expect(page.getByRole("button", { name: /Start rollout/ })).toBeDisabled();
  await page.getByLabel("Start", { exact: true }).fill("");
  await page.getByLabel("End", { exact: true }).fill("");

  // Double-clicked: one form load starts one rollout.
  await page.getByRole("button", { name: "Start rollout of 8 machines" }).dblclick();
  await expect(page).toHaveURL(/\/rollouts\/[0-9a-f-]{36}$/);
  rolloutUrl = page.url();
  let reloaded = false;
  page.on("load", () => (reloaded = true));
  await expect(page.getByRole("status").filter({ hasText: "live" })).toBeVisible();
  await expect(page.getByText(`${IMAGE}:2`, { exact: true })).toBeVisible();

  // It progresses by itself: the first batch goes in flight, on the page as it happens.
  await expect(page.getByRole("table", { name: "Batches" }).getByText(/in flight|healthy/).first()).toBeVisible();
  await page.getByRole("button", { name: "Pause" }).click();
  await expect(page.getByRole("status", { name: "Rollout status" })).toContainText(`Paused: paused by ${users.operator}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("paused");
  await page.getByRole("button", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("running");

  await expect(page.getByRole("status", { name: "Rollout status" })).toContainText("Succeeded: All 8 machines came back healthy", { timeout: 40_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded");
  await expect(page.getByLabel("Progress")).toContainText(/Done\s*8\s*In flight\s*0\s*Failed\s*0\s*Remaining\s*0/);
  expect(reloaded).toBe(false);
  await page.context().close();
});

test("a viewer can follow a rollout but not start or steer one; the audit log shows both users", async ({ browser, page }) => {
  const v = await loginAs(browser, users.viewer, "viewer-password-123");
  await v.goto("/rollouts");
  await expect(v.getByRole("heading", { name: "Rollouts" })).toBeVisible();
  await expect(v.getByRole("link", { name: "New rollout" })).toHaveCount(0);
  await v.goto(rolloutUrl);
  await expect(v.getByRole("heading", { level: 1 })).toContainText("succeeded");
  await expect(v.getByRole("button", { name: /Pause|Resume|Cancel/ })).toHaveCount(0);
  await v.goto(`/rollouts/new?role=${ROLE}`);
  await expect(v.getByText("You cannot start rollouts")).toBeVisible();
  const refused = await v.request.post("/api/rollouts", {
    headers: { origin: new URL(v.url()).origin },
    data: { selector: { role: ROLE }, batchSize: 1 },
  });
  expect(refused.status()).toBe(403);
  await v.context().close();

  await page.goto(`/audit?actor=${encodeURIComponent(users.operator)}`);
  await expect(page.getByRole("cell", { name: "rollout.create" })).toHaveCount(1);
  await expect(page.getByRole("cell", { name: "rollout.pause" })).toBeVisible();
  await page.goto(`/audit?actor=${encodeURIComponent(users.viewer)}`);
  await expect(page.getByRole("cell", { name: "access.denied" })).toBeVisible();
});
