import { safeHost, safePort } from "./argv";
import { asOutcome, asStatus, PowerFailure, type PowerAction, type PowerDriver, type PowerTarget, type Trail } from "./driver";
import { chooseResetType } from "./redfish-reset";
import { openRedfishConnection, redfishMessage, redfishRequest, type RedfishConnection, type RedfishResponse } from "./redfish-http";
import { openRedfishAuth } from "./redfish-session";

const DEFAULT_TIMEOUT_MS = 10_000;

interface SystemView {
  id: string;
  etag?: string;
  powerState?: string;
  bootTargets?: string[];
  resetTarget: string;
  resetTypes?: string[];
}

/** "session" logs in and always logs out; "basic" sends the credentials with every request. */
export function createRedfishDriver(auth: "session" | "basic" = "session"): PowerDriver {
  return {
    async perform(target, action, opts = {}) {
      const trail: Trail = { steps: [] };
      return asOutcome(trail, () => withLogin(target, auth, opts.timeoutMs, trail, (conn) => run(conn, target, action, trail)));
    },
    async status(target, opts = {}) {
      const trail: Trail = { steps: [] };
      return asStatus(() =>
        withLogin(target, auth, opts.timeoutMs, trail, async (conn) => {
          const { powerState } = await readSystem(conn, trail, target.systemId);
          // PoweringOn counts as on and PoweringOff as off: where it is going.
          const state = powerState === "On" || powerState === "PoweringOn" ? "on" : powerState === "Off" || powerState === "PoweringOff" ? "off" : "unknown";
          return { state, detail: `PowerState ${powerState ?? "not given"}` };
        }),
      );
    },
  };
}

/** Connects and logs in, runs `body`, then logs out and closes, whatever `body` did. */
async function withLogin<T>(target: PowerTarget, auth: "session" | "basic", timeoutMs: number | undefined, trail: Trail, body: (conn: RedfishConnection) => Promise<T>): Promise<T> {
  const conn = connection(target, timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    const login = await openRedfishAuth(conn, target, auth, trail.steps);
    try {
      return await body(conn);
    } finally {
      await login.close();
    }
  } finally {
    conn.close();
  }
}

export const redfishDriver = createRedfishDriver("session");

function connection(target: PowerTarget, timeoutMs: number) {
  const tls = target.tls ?? "verify";
  // Checked like the shell-outs' arguments: the address must not smuggle a path or user info into the URL.
  const address = safeHost(target.address);
  const host = address.includes(":") ? `[${address}]` : address;
  const port = safePort(target.port, tls === "plain" ? 80 : 443);
  return openRedfishConnection(new URL(`${tls === "plain" ? "http" : "https"}://${host}:${port}`), tls, timeoutMs);
}

async function call(conn: RedfishConnection, steps: string[], method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<RedfishResponse> {
  const res = await redfishRequest(conn, method, path, body, headers);
  steps.push(`${method} ${path} → ${res.status}`);
  if (res.status < 400) return res;
  const said = redfishMessage(res.body);
  if (res.status === 401) throw new PowerFailure("auth_failed", `the BMC refused the user name or password (HTTP 401: ${said})`, 401);
  if (res.status === 403) throw new PowerFailure("insufficient_privilege", `the BMC account may not do this (HTTP 403 on ${method} ${path}: ${said})`, 403);
  if (res.status === 405 || res.status === 501) throw new PowerFailure("unsupported", `the BMC does not support ${method} ${path} (HTTP ${res.status}: ${said})`, res.status);
  throw new PowerFailure("bmc_error", `${method} ${path} failed with HTTP ${res.status}: ${said}`, res.status);
}

async function discover(conn: RedfishConnection, trail: Trail): Promise<string> {
  const res = await call(conn, trail.steps, "GET", "/redfish/v1/Systems");
  const members = ((res.body as { Members?: { "@odata.id"?: string }[] } | null)?.Members ?? []).map((m) => m?.["@odata.id"]).filter((id): id is string => typeof id === "string");
  if (members.length === 0) throw new PowerFailure("unsupported", "the BMC lists no computer system under /redfish/v1/Systems");
  // A BMC of one server lists one system; with more (a blade chassis) the first is ours
  // only by convention, so say so.
  if (members.length > 1) trail.steps.push(`${members.length} systems listed; using ${members[0]}`);
  trail.systemId = members[0];
  return members[0];
}

async function readSystem(conn: RedfishConnection, trail: Trail, known?: string | null): Promise<SystemView> {
  let id = known ?? (await discover(conn, trail));
  let res: RedfishResponse;
  try {
    res = await call(conn, trail.steps, "GET", id);
  } catch (err) {
    // A stored id can go stale (BMC firmware update, board swap): rediscover once.
    if (!known || !(err instanceof PowerFailure) || err.httpStatus !== 404) throw err;
    id = await discover(conn, trail);
    res = await call(conn, trail.steps, "GET", id);
  }
  const body = (res.body ?? {}) as Record<string, unknown> & {
    PowerState?: string;
    Boot?: Record<string, unknown>;
    Actions?: Record<string, { target?: string; "ResetType@Redfish.AllowableValues"?: string[] }>;
  };
  const reset = body.Actions?.["#ComputerSystem.Reset"];
  const etag = res.headers.etag;
  return {
    id,
    etag: typeof etag === "string" ? etag : undefined,
    powerState: body.PowerState,
    bootTargets: body.Boot?.["BootSourceOverrideTarget@Redfish.AllowableValues"] as string[] | undefined,
    resetTarget: reset?.target ?? `${id}/Actions/ComputerSystem.Reset`,
    resetTypes: reset?.["ResetType@Redfish.AllowableValues"],
  };
}

async function run(conn: RedfishConnection, target: PowerTarget, action: PowerAction, trail: Trail): Promise<string> {
  const system = await readSystem(conn, trail, target.systemId);
  const resetType = chooseResetType(action, system.powerState, system.resetTypes);
  if (action === "pxe-cycle") {
    if (system.bootTargets && !system.bootTargets.includes("Pxe")) {
      throw new PowerFailure("unsupported", `the BMC offers no PXE boot override (allowed: ${system.bootTargets.join(", ")})`);
    }
    // Some BMCs (HPE iLO, newer iDRAC) refuse a PATCH without the ETag they handed out.
    const ifMatch: Record<string, string> = system.etag ? { "if-match": system.etag } : {};
    await call(conn, trail.steps, "PATCH", system.id, { Boot: { BootSourceOverrideTarget: "Pxe", BootSourceOverrideEnabled: "Once" } }, ifMatch);
  }
  trail.noop = !resetType;
  if (!resetType) return `already ${system.powerState === "Off" ? "off" : "on"}; nothing sent`;
  try {
    await call(conn, trail.steps, "POST", system.resetTarget, { ResetType: resetType });
  } catch (err) {
    // No answer at all (the connection dropped): whether the BMC acted is unknown. Said as a
    // timeout, so that a rollout waits for evidence of a reboot rather than trying another way.
    if (err instanceof PowerFailure && err.reason === "bmc_error" && err.httpStatus === undefined) {
      throw new PowerFailure("timeout", `${err.message}; whether the reset happened is unknown`);
    }
    throw err;
  }
  return `${action === "pxe-cycle" ? "PXE boot once, then " : ""}ResetType ${resetType} accepted (power was ${system.powerState ?? "unknown"})`;
}
