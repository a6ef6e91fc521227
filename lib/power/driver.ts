import type { BmcType } from "@/lib/generated/prisma/enums";

export const POWER_ACTIONS = ["cycle", "on", "off", "pxe-cycle"] as const;
/** cycle: reset a running machine (or power it on when off); pxe-cycle: the same, network boot once first. */
export type PowerAction = (typeof POWER_ACTIONS)[number];

/** Everything a driver needs to reach one BMC. Holds the plaintext password: keep it in memory only. */
export interface PowerTarget {
  protocol: BmcType;
  address: string;
  port?: number | null;
  username: string;
  password?: string;
  /** Redfish: the system's @odata.id when already discovered. */
  systemId?: string | null;
  /** Redfish: "verify" certificates, accept any ("insecure"), or speak plain HTTP ("plain"). */
  tls?: "verify" | "insecure" | "plain";
}

export type PowerFailureReason =
  | "invalid_target" // an address or user name that cannot be passed on safely
  | "unreachable" // connection refused, no route, name does not resolve
  | "timeout" // the BMC accepted the connection but did not answer in time
  | "tls" // certificate not trusted, or the BMC does not speak TLS
  | "auth_failed" // wrong user name or password
  | "insufficient_privilege" // the account exists but may not control power
  | "unsupported" // the BMC does not offer what the action needs
  | "bmc_error" // the BMC answered with an error of its own
  | "tool_missing"; // ipmitool or ssh is not installed on the console host

export type PowerOutcome =
  | { ok: true; detail: string; steps: string[]; systemId?: string; /** false when the machine was already in the wanted state */ sent: boolean }
  | { ok: false; reason: PowerFailureReason; message: string; steps: string[]; systemId?: string };

export interface PowerOptions {
  /** Bound for each request or command, not for the whole action. */
  timeoutMs?: number;
}

/** What the BMC says of the machine's power, read without changing it. */
export type PowerStatus =
  | { ok: true; state: "on" | "off" | "unknown"; detail: string }
  | { ok: false; reason: PowerFailureReason; message: string };

export interface PowerDriver {
  perform(target: PowerTarget, action: PowerAction, opts?: PowerOptions): Promise<PowerOutcome>;
  /** Absent where the protocol cannot tell (SSH reaches only a running machine). */
  status?(target: PowerTarget, opts?: PowerOptions): Promise<PowerStatus>;
}

/** Runs a status read that throws PowerFailure for expected failures, as a PowerStatus. */
export async function asStatus(body: () => Promise<{ state: "on" | "off" | "unknown"; detail: string }>): Promise<PowerStatus> {
  try {
    return { ok: true, ...(await body()) };
  } catch (err) {
    if (!(err instanceof PowerFailure)) throw err;
    return { ok: false, reason: err.reason, message: err.message };
  }
}

export class PowerFailure extends Error {
  constructor(
    readonly reason: PowerFailureReason,
    message: string,
    /** The HTTP status behind a Redfish failure. */
    readonly httpStatus?: number,
  ) {
    super(message);
    this.name = "PowerFailure";
  }
}

/** What a driver learned on the way, kept on failure too (a discovered system id stays useful). */
export interface Trail {
  steps: string[];
  systemId?: string;
  /** Set when nothing needed sending (an "on" for a machine that is on). */
  noop?: boolean;
}

/** Runs a driver body that throws PowerFailure for expected failures, as an outcome value. */
export async function asOutcome(trail: Trail, body: () => Promise<string>): Promise<PowerOutcome> {
  try {
    const detail = await body();
    return { ok: true, detail, sent: !trail.noop, steps: trail.steps, ...(trail.systemId ? { systemId: trail.systemId } : {}) };
  } catch (err) {
    if (!(err instanceof PowerFailure)) throw err;
    return { ok: false, reason: err.reason, message: err.message, steps: trail.steps, ...(trail.systemId ? { systemId: trail.systemId } : {}) };
  }
}

export async function pickDriver(protocol: BmcType): Promise<PowerDriver> {
  // Loaded on demand: a Redfish-only fleet never loads the child-process drivers.
  switch (protocol) {
    case "redfish":
      return (await import("./redfish")).redfishDriver;
    case "ipmi":
      return (await import("./ipmi")).ipmiDriver;
    case "ssh":
      return (await import("./ssh")).sshDriver;
  }
}
