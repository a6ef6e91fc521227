import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };
export const ADMIN_STATE = "reports/.auth/admin.json";

// Runs against the production build (`npm run build` first) on a fresh embedded database.
// Debian's Chromium is used; Playwright never downloads a browser here.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/playwright.json" }]],
  projects: [
    { name: "login", testMatch: /login\.setup\.ts/ },
    { name: "console", dependencies: ["login"], testIgnore: /login\.setup\.ts/, use: { storageState: ADMIN_STATE } },
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: {
    command: "rm -rf .data/e2e && npx tsx scripts/serve.mts start",
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      FLEETBOOT_DATA_DIR: ".data/e2e",
      FLEETBOOT_ADMIN_TOKEN: E2E_ADMIN_TOKEN,
      FLEETBOOT_INITIAL_ADMIN_EMAIL: E2E_ADMIN.email,
      FLEETBOOT_INITIAL_ADMIN_PASSWORD: E2E_ADMIN.password,
      DATABASE_URL: "",
      // Simulated machines (e2e/rollouts.spec.ts) all boot from 127.0.0.1: one source.
      FLEETBOOT_BOOT_RATE_PER_SECOND: "1000",
    },
  },
});
