import type http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { redfishError } from "./redfish-system";

/**
 * Faults a test can inject into the simulated BMC, per system (or "*" for all):
 * - status: answer every request with this HTTP status and a Redfish error body
 * - delay: answer correctly, but only after `ms`
 * - hang: accept the request and never answer
 * - drop: close the connection without an answer (a BMC that crashes mid-request)
 * - unauthorized: refuse the credentials as if the password had been changed on the BMC
 * `times` limits a fault to that many requests; without it the fault stays until cleared.
 * `match` limits it to requests whose "METHOD /path" matches (e.g. /ComputerSystem\.Reset/).
 */
export type BmcFault = (
  | { kind: "status"; status: number; message?: string }
  | { kind: "delay"; ms: number }
  | { kind: "hang" }
  | { kind: "drop" }
  | { kind: "unauthorized" }
) & { times?: number; match?: RegExp };

export interface ActiveFault {
  kind: BmcFault["kind"];
  /** Handles the request when the fault answers it; false when normal handling goes on. */
  apply(req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean>;
}

export class FaultTable {
  private readonly faults = new Map<string, BmcFault>();

  set(scope: string, fault: BmcFault | null): void {
    if (fault) this.faults.set(scope, { ...fault });
    else this.faults.delete(scope);
  }

  /** The first fault among `scopes`, counting one use of it. */
  take(scopes: string[], request: string): ActiveFault | undefined {
    for (const scope of scopes) {
      const fault = this.faults.get(scope);
      if (!fault || (fault.match && !fault.match.test(request))) continue;
      if (fault.times !== undefined && --fault.times <= 0) this.faults.delete(scope);
      return { kind: fault.kind, apply: (req, res) => applyFault(fault, req, res) };
    }
    return undefined;
  }
}

async function applyFault(fault: BmcFault, req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> {
  switch (fault.kind) {
    case "status":
      res.writeHead(fault.status, { "content-type": "application/json" });
      res.end(JSON.stringify(redfishError("InternalError", fault.message ?? `Simulated BMC failure (HTTP ${fault.status}).`)));
      return true;
    case "delay":
      await sleep(fault.ms);
      return false;
    case "hang":
      return true;
    case "drop":
      req.socket.destroy();
      return true;
    case "unauthorized":
      return false;
  }
}
