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
  // A role's settings are shown to a viewer, but not as a form to save; an image's versions have no Edit.
  await v.goto("/roles/storage");
  await expect(v.getByText(/Only admins can change roles; you are a viewer/)).toBeVisible();
  await expect(v.getByLabel("Name", { exact: true })).toBeDisabled();
  await expect(v.getByRole("button", { name: "Save role" })).toHaveCount(0);
  await v.goto("/images/debian-storage");
  await expect(v.getByRole("heading", { name: "Image debian-storage" })).toBeVisible();
  await expect(v.getByRole("button", { name: /^Edit/ })).toHaveCount(0);

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

test("the API answers in JSON for a path or method it does not have, and serves Prometheus metrics to a token", async ({ request, playwright, baseURL }) => {
  for (const method of ["get", "post", "delete"] as const) {
    const res = await request[method]("/api/no-such-endpoint/x", { headers: auth });
    expect(res.status(), method).toBe(404);
    expect((await res.json()).error).toMatchObject({ code: "not_found", message: "no API endpoint /api/no-such-endpoint/x; see the API section of the README" });
  }
  // A method the endpoint does not take: 405 with Allow, in JSON, through the whole server.
  const put = await request.put("/api/roles", { headers: auth, data: {} });
  expect(put.status()).toBe(405);
  expect(put.headers().allow).toBe("GET, POST, HEAD, OPTIONS");
  expect((await put.json()).error).toMatchObject({ code: "method_not_allowed", message: "PUT is not allowed on /api/roles; it takes GET, POST" });

  // Without the session this test's browser has, nor a token: refused.
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  expect((await anonymous.get("/api/metrics")).status()).toBe(401);
  await anonymous.dispose();
  // A script asked for through the console's own server is counted in the metrics Next.js serves.
  const count = async () => {
    const text = await (await request.get("/api/metrics", { headers: auth })).text();
    return Number(/^fleetboot_boot_scripts_total\{outcome="chain"\} (\d+)$/m.exec(text)?.[1] ?? 0);
  };
  const before = await count();
  expect((await request.get("/api/boot/ipxe")).status()).toBe(200);
  expect(await count()).toBe(before + 1);
  const text = await (await request.get("/api/metrics", { headers: auth })).text();
  expect(text).toMatch(/^# TYPE fleetboot_machines gauge$/m);
  expect(text).toMatch(/^fleetboot_machines\{role="[^"]*",state="ready"\} \d+$/m);
});
