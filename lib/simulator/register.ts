// SIMULATOR: sets up what simulated machines need through the console's public API, the
// way an operator's script would.

export interface Api {
  consoleUrl: string;
  token: string;
}

async function call(api: Api, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${api.consoleUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function must(res: Response, what: string) {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return res.json();
}

/**
 * The role exists, has a desired image version and a deploy command that simulated
 * machines can pass (they have no sshd): a role the simulator creates gets one that only
 * prints; an existing role is left as it is.
 */
export async function ensureSimulatedRole(api: Api, role: string, log: (l: string) => void): Promise<void> {
  if ((await call(api, "GET", `/api/roles/${role}`)).ok) return;
  const images = await must(await call(api, "GET", "/api/images"), "listing images");
  let imageVersion: string | undefined;
  const first = (images.items ?? images)[0];
  if (first) {
    const versions = await must(await call(api, "GET", `/api/images/${first.name}/versions`), "listing versions");
    const v = (versions.items ?? versions)[0];
    if (v) imageVersion = `${first.name}:${v.version}`;
  }
  if (!imageVersion) {
    await must(await call(api, "POST", "/api/images", { name: "sim-image" }), "creating an image");
    await must(await call(api, "POST", "/api/images/sim-image/versions", { version: "1.0", kernelPath: "sim/vmlinuz", initrdPath: "sim/initrd.img", squashfsPath: "sim/filesystem.squashfs" }), "creating a version");
    imageVersion = "sim-image:1.0";
  }
  const mirrors = await must(await call(api, "GET", "/api/mirrors"), "listing mirrors");
  if (!(mirrors.items ?? mirrors).some((m: { enabled: boolean }) => m.enabled)) {
    await must(await call(api, "POST", "/api/mirrors", { name: "sim-mirror", baseUrl: "http://127.0.0.1:9/images" }), "creating a mirror");
  }
  await must(
    await call(api, "POST", "/api/roles", {
      name: role,
      description: "Simulated machines (npm run simulate)",
      imageVersion,
      deployCommand: ["sh", "-c", "echo simulated deployment of \"$0\"; sleep 1", "{hostname}"],
    }),
    "creating the role",
  );
  log(`created role ${role} booting ${imageVersion}`);
}

/**
 * The subnet that simulated machines' loopback addresses belong to, so that they are
 * machines like any other: without one, their addresses are in no declared subnet and the
 * console refuses to render the DHCP configs.
 */
export async function ensureSimulatedSubnet(api: Api, name: string, cidr: string, log: (l: string) => void): Promise<void> {
  if ((await call(api, "GET", `/api/subnets/${name}`)).ok) return;
  await must(await call(api, "POST", "/api/subnets", { name, cidr }), "creating the subnet");
  log(`created subnet ${name} (${cidr}) for the simulated machines' loopback addresses`);
}

export async function registerMachine(
  api: Api,
  m: { hostname: string; mac: string; ip: string; subnet: string; rack: string; role: string; bmc: { type: string; address: string; port: number; username: string; password: string } },
): Promise<void> {
  const res = await call(api, "POST", "/api/machines", { hostname: m.hostname, macs: [m.mac], ipv4: m.ip, subnet: m.subnet, rack: m.rack, role: m.role, bmc: m.bmc, tags: ["simulated"] });
  if (res.status === 409) {
    // Registered by an earlier run: its BMC password is this run's now.
    await must(await call(api, "PATCH", `/api/machines/${m.hostname}`, { bmc: m.bmc, subnet: m.subnet }), `updating ${m.hostname}`);
    return;
  }
  await must(res, `registering ${m.hostname}`);
}
