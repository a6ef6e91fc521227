import type { PowerTarget } from "./driver";
import { PowerFailure } from "./driver";
import { redfishMessage, redfishRequest, type RedfishConnection } from "./redfish-http";

const SESSIONS = "/redfish/v1/SessionService/Sessions";

export interface RedfishLogin {
  close(): Promise<void>;
}

/**
 * Authenticates `conn` for the requests that follow (sets its headers). A session is
 * preferred: BMCs hold only a handful, so it is always deleted afterwards, even when the
 * action failed. A BMC without a SessionService gets basic auth instead.
 */
export async function openRedfishAuth(conn: RedfishConnection, target: PowerTarget, mode: "session" | "basic", steps: string[]): Promise<RedfishLogin> {
  const basic = () => {
    conn.headers.authorization = `Basic ${Buffer.from(`${target.username}:${target.password ?? ""}`).toString("base64")}`;
    return { close: async () => undefined };
  };
  if (mode === "basic") return basic();
  const res = await redfishRequest(conn, "POST", SESSIONS, { UserName: target.username, Password: target.password ?? "" });
  steps.push(`POST ${SESSIONS} → ${res.status}`);
  if (res.status === 404 || res.status === 405 || res.status === 501) {
    steps.push("no SessionService; using basic auth");
    return basic();
  }
  if (res.status === 401 || res.status === 403) {
    throw new PowerFailure("auth_failed", `the BMC refused the user name or password (HTTP ${res.status}: ${redfishMessage(res.body)})`, res.status);
  }
  const token = res.headers["x-auth-token"];
  if (res.status >= 400 || typeof token !== "string") {
    throw new PowerFailure("bmc_error", `logging in to the BMC failed (HTTP ${res.status}: ${res.status >= 400 ? redfishMessage(res.body) : "no X-Auth-Token in the answer"})`, res.status);
  }
  // Location may be absolute or a path; @odata.id in the body is the fallback some BMCs need.
  const location = res.headers.location ?? (res.body as { "@odata.id"?: string } | null)?.["@odata.id"];
  conn.headers["x-auth-token"] = token;
  return {
    async close() {
      if (!location) {
        steps.push("session left open: the BMC gave no session URI");
        return;
      }
      const path = new URL(location, conn.base).pathname;
      try {
        const del = await redfishRequest(conn, "DELETE", path);
        steps.push(`DELETE ${path} → ${del.status}`);
      } catch (err) {
        // Logging out is best effort: the BMC expires the session on its own eventually,
        // and the action's outcome must not be hidden by a failed logout.
        steps.push(`DELETE ${path} failed: ${(err as Error).message}`);
      } finally {
        delete conn.headers["x-auth-token"];
      }
    },
  };
}
