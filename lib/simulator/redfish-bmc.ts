import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { type BmcFault, FaultTable } from "./redfish-faults";
import { RedfishRefusal, redfishError, SimulatedSystem, type ResetOutcome, type SimulatedSystemOptions } from "./redfish-system";

export type { BmcFault } from "./redfish-faults";
export type { SimulatedSystemOptions } from "./redfish-system";

/** One thing a simulated BMC did, with when (the "BMC log" tests read instead of the database). */
export interface BmcLogEntry {
  at: number;
  systemId: string;
  action: "reset" | "boot-override" | "session-create" | "session-delete";
  resetType?: string;
  outcome?: ResetOutcome;
  boot?: { target: string; enabled: string };
}

export interface RedfishBmcOptions {
  /** Called when a system starts booting (power on or reset), so a machine simulator can boot it. */
  onPowerCycle?: (systemId: string, info: ResetOutcome & { resetType: string }) => void;
  onAction?: (entry: BmcLogEntry) => void;
  /** Serve HTTPS with this key and certificate (BMCs mostly have self-signed ones). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

interface Principal {
  username: string;
  systems: SimulatedSystem[];
}

const SESSIONS = "/redfish/v1/SessionService/Sessions";

/**
 * SIMULATOR: many simulated Redfish BMCs on one 127.0.0.1 port, for tests, demos and
 * benchmarks. Each system has its own account, and /redfish/v1/Systems lists only the
 * systems of the account asking, so every simulated machine discovers exactly its own.
 */
export class RedfishBmcSimulator {
  readonly log: BmcLogEntry[] = [];
  readonly faults = new FaultTable();
  private readonly systems = new Map<string, SimulatedSystem>();
  private readonly sessions = new Map<string, { id: string; username: string; password: string }>();
  private readonly server: http.Server;
  /** TCP connections accepted so far (clients that reuse a connection open fewer). */
  connections = 0;

  constructor(private readonly opts: RedfishBmcOptions = {}) {
    const handler = (req: http.IncomingMessage, res: http.ServerResponse) => void this.serve(req, res);
    this.server = opts.tls ? https.createServer({ key: opts.tls.key, cert: opts.tls.cert }, handler) : http.createServer(handler);
    this.server.on(opts.tls ? "secureConnection" : "connection", () => this.connections++);
  }

  /** Connections open right now. */
  openConnections(): Promise<number> {
    return new Promise((resolve, reject) => this.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
  }

  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
    return this.port;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get baseUrl(): string {
    return `${this.opts.tls ? "https" : "http"}://127.0.0.1:${this.port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  addSystem(opts: SimulatedSystemOptions): SimulatedSystem {
    const system = new SimulatedSystem(opts);
    this.systems.set(system.id, system);
    return system;
  }

  system(id: string): SimulatedSystem | undefined {
    return this.systems.get(id);
  }

  /** Sessions still open (a driver that forgets to DELETE its session leaves one here). */
  get openSessions(): number {
    return this.sessions.size;
  }

  setFault(scope: string, fault: BmcFault | null): void {
    this.faults.set(scope, fault);
  }

  private record(entry: Omit<BmcLogEntry, "at">) {
    const full = { at: Date.now(), ...entry };
    this.log.push(full);
    this.opts.onAction?.(full);
  }

  private principal(username: string, password: string): Principal | null {
    const systems = [...this.systems.values()].filter((s) => s.username === username && s.password === password);
    return systems.length ? { username, systems } : null;
  }

  private authenticate(req: http.IncomingMessage): Principal | null {
    const token = req.headers["x-auth-token"];
    if (typeof token === "string") {
      const session = this.sessions.get(token);
      return session ? this.principal(session.username, session.password) : null;
    }
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!basic) return null;
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon < 0 ? null : this.principal(decoded.slice(0, colon), decoded.slice(colon + 1));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, body === undefined ? headers : { "content-type": "application/json", "odata-version": "4.0", ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    try {
      const path = new URL(req.url ?? "/", "http://bmc").pathname.replace(/\/$/, "");
      const body = await readBody(req);
      const systemMatch = /^\/redfish\/v1\/Systems\/([^/]+)(\/.*)?$/.exec(path);
      const pathSystem = systemMatch ? decodeURIComponent(systemMatch[1]) : undefined;
      const fault = this.faults.take(this.faultScopes(req, body, pathSystem), `${req.method} ${path}`);
      if (fault && (await fault.apply(req, res))) return;
      if (fault?.kind === "unauthorized") return send(401, redfishError("NoValidSession", "There is no valid session established with the implementation."));

      if (path === "/redfish/v1" && req.method === "GET") {
        return send(200, { "@odata.id": "/redfish/v1", Id: "RootService", RedfishVersion: "1.15.0", Systems: { "@odata.id": "/redfish/v1/Systems" }, SessionService: { "@odata.id": "/redfish/v1/SessionService" }, Links: { Sessions: { "@odata.id": SESSIONS } } });
      }
      if (path === SESSIONS && req.method === "POST") {
        const { UserName, Password } = (body ?? {}) as { UserName?: string; Password?: string };
        const who = this.principal(String(UserName ?? ""), String(Password ?? ""));
        if (!who) return send(401, redfishError("InsufficientPrivilege", "Invalid username or password."));
        const id = randomBytes(6).toString("hex");
        const token = randomBytes(24).toString("hex");
        this.sessions.set(token, { id, username: who.username, password: String(Password) });
        for (const s of who.systems) this.record({ systemId: s.id, action: "session-create" });
        return send(201, { "@odata.id": `${SESSIONS}/${id}`, Id: id, UserName: who.username }, { "x-auth-token": token, location: `${SESSIONS}/${id}` });
      }
      const who = this.authenticate(req);
      if (!who) return send(401, redfishError("NoValidSession", "There is no valid session established with the implementation."), { "www-authenticate": 'Basic realm="Redfish"' });

      const sessionMatch = new RegExp(`^${SESSIONS}/([0-9a-f]+)$`).exec(path);
      if (sessionMatch && req.method === "DELETE") {
        const entry = [...this.sessions.entries()].find(([, s]) => s.id === sessionMatch[1] && s.username === who.username);
        if (!entry) return send(404, redfishError("ResourceMissingAtURI", `The resource at the URI ${path} was not found.`));
        this.sessions.delete(entry[0]);
        for (const s of who.systems) this.record({ systemId: s.id, action: "session-delete" });
        return send(204);
      }
      if (path === "/redfish/v1/Systems" && req.method === "GET") {
        const members = who.systems.map((s) => ({ "@odata.id": s.odataId }));
        return send(200, { "@odata.id": "/redfish/v1/Systems", Name: "Computer System Collection", Members: members, "Members@odata.count": members.length });
      }
      const system = pathSystem === undefined ? undefined : who.systems.find((s) => s.id === pathSystem);
      if (!system) return send(404, redfishError("ResourceMissingAtURI", `The resource at the URI ${path} was not found.`));
      const rest = systemMatch?.[2] ?? "";
      if (rest === "" && req.method === "GET") return send(200, system.toJson(), { etag: system.etag });
      if (rest === "" && req.method === "PATCH") {
        const ifMatch = req.headers["if-match"];
        if (ifMatch && ifMatch !== system.etag && ifMatch !== "*") return send(412, redfishError("PreconditionFailed", "The ETag supplied did not match the ETag required to change this resource."));
        system.patchBoot(body);
        this.record({ systemId: system.id, action: "boot-override", boot: { target: system.bootTarget, enabled: system.bootEnabled } });
        return send(200, system.toJson(), { etag: system.etag });
      }
      if (rest === "/Actions/ComputerSystem.Reset" && req.method === "POST") {
        const resetType = String((body as { ResetType?: unknown } | null)?.ResetType ?? "");
        const outcome = system.reset(resetType);
        this.record({ systemId: system.id, action: "reset", resetType, outcome });
        if (outcome.boots) this.opts.onPowerCycle?.(system.id, { ...outcome, resetType });
        return send(204);
      }
      return send(405, redfishError("OperationNotAllowed", `The ${req.method} operation is not allowed on ${path}.`));
    } catch (err) {
      if (err instanceof RedfishRefusal) return send(err.status, redfishError(err.messageId, err.message));
      if (err instanceof SyntaxError) return send(400, redfishError("MalformedJSON", "The request body submitted was malformed JSON and could not be parsed by the receiving service."));
      return send(500, redfishError("InternalError", "The request failed due to an internal service error."));
    }
  }

  // A fault set on a system applies to anything that names it: its URL or its account.
  private faultScopes(req: http.IncomingMessage, body: unknown, pathSystem?: string): string[] {
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    const token = req.headers["x-auth-token"];
    const username =
      (basic ? Buffer.from(basic[1], "base64").toString("utf8").split(":")[0] : undefined) ??
      (typeof token === "string" ? this.sessions.get(token)?.username : undefined) ??
      (body as { UserName?: string } | null)?.UserName;
    const owned = [...this.systems.values()].filter((s) => s.username === username).map((s) => s.id);
    return [...(pathSystem ? [pathSystem] : []), ...owned, "*"];
  }
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new RedfishRefusal(413, "PayloadTooLarge", "The request body is too large.");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : null;
}
