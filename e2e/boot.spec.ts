import { expect, test } from "@playwright/test";
import { SimulatedMachine } from "../lib/simulator/machine";
import { E2E_ADMIN_TOKEN } from "../playwright.config";

const auth = { Authorization: `Bearer ${E2E_ADMIN_TOKEN}` };

// A simulated machine boots through the real boot endpoint, reports in like the agent,
// and its deployment runs; the browser watches the row change state without a reload.
test("a booting machine goes booting → deploying → ready live in the machine list", async ({ page, request, baseURL }) => {
  const role = await request.post("/api/roles", {
    headers: auth,
    data: { name: "e2e-sim", imageVersion: "debian-compute:2026.10.0", deployCommand: ["sh", "-c", "echo deploying \"$0\"; sleep 3", "{hostname}"] },
  });
  expect(role.status(), await role.text()).toBe(201);
  // The simulator's loopback subnet (scripts/simulate.mts), which holds the machine's address.
  if (!(await request.get("/api/subnets/simulated", { headers: auth })).ok()) {
    const subnet = await request.post("/api/subnets", { headers: auth, data: { name: "simulated", cidr: "127.77.0.0/16" } });
    expect(subnet.status(), await subnet.text()).toBe(201);
  }
  const machine = await request.post("/api/machines", {
    headers: auth,
    data: { hostname: "e2e-sim-01", macs: ["52:54:01:e2:00:01"], ipv4: "127.77.200.1", role: "e2e-sim" },
  });
  expect(machine.status(), await machine.text()).toBe(201);

  await page.goto("/machines?q=e2e-sim-01");
  const row = page.getByRole("row", { name: /e2e-sim-01/ });
  await expect(row).toContainText("new");
  await expect(page.getByRole("status").filter({ hasText: "live" })).toBeVisible();
  let reloaded = false;
  page.on("load", () => (reloaded = true));

  const sim = new SimulatedMachine({ hostname: "e2e-sim-01", mac: "52:54:01:e2:00:01", ip: "127.77.200.1", consoleUrl: baseURL!, bootSeconds: 4 });
  sim.powerCycle();

  await expect(row).toContainText("booting", { timeout: 15_000 });
  await expect(row).toContainText("deploying", { timeout: 20_000 });
  await expect(row).toContainText("ready", { timeout: 30_000 });
  await expect(row).toContainText("2026.10.0");
  expect(reloaded).toBe(false);
  sim.powerOff();
  // Its loopback address is in no subnet: left behind, it would hold up the DHCP configs.
  expect((await request.delete("/api/machines/e2e-sim-01", { headers: auth })).status()).toBe(204);
});
