import { isUuid } from "@/lib/http/ref";
import { homeSubnet, machineAddressProblem, type AddressHome } from "@/lib/subnets/ipv4";
import { assignAddresses, assignHostnames, type NamedSubnet, type TakenNames } from "./assign";
import type { Draft, ProblemKind } from "./check";
import type { ImportRow, ImportStatus } from "./schema";

// The rows against each other and against what is registered. Pure: the database's
// answers arrive as a World, loaded for the whole paste at once (queries.ts).

export interface World {
  /** Role name → id. */
  roles: Map<string, string>;
  subnet: (NamedSubnet & { gateway: string | null }) | null;
  /** Every subnet: without a default one, a line's address joins the one that holds it. */
  subnets: AddressHome[];
  /** Why the default subnet cannot be used, when one was asked for. */
  subnetProblem: string | null;
  /** Registered MAC → its machine's hostname. */
  macOwners: Map<string, string>;
  /** Registered hostnames among those the paste names or the template could give. */
  hostnamesTaken: Set<string>;
  /** Registered address → its machine's hostname, for the addresses the paste names. */
  ipOwners: Map<string, string>;
  /** Addresses of the subnet's pool that machines hold. */
  poolUsed: Set<string>;
}

export interface TemplateChoice {
  template: string;
  problem: string | null;
}

const RANK: Record<ImportStatus, number> = { ok: 0, conflict: 1, duplicate: 2, invalid: 3 };

/** Every row judged and filled in, and why the hostname template named no row at all (or null). */
export function planRows(drafts: Draft[], world: World, template: TemplateChoice): { rows: ImportRow[]; templateFailure: string | null } {
  // "Names are accepted wherever an id is": a role given by id is shown and kept by name.
  const roleNames = new Map([...world.roles].map(([name, id]) => [id, name]));
  for (const d of drafts) if (d.role && isUuid(d.role)) d.role = roleNames.get(d.role) ?? d.role;
  for (const d of drafts) checkAgainstWorld(d, world);
  flagRepeats(drafts, (d) => d.mac, (v) => v);
  flagRepeats(drafts, (d) => d.hostname, (v) => `hostname ${v}`);
  flagRepeats(drafts, (d) => d.ip, (v) => v);

  // Rows whose MAC is unusable or registered get nothing: a name or an address spent on
  // them would shift every later row's once they are fixed or removed.
  const fillable = drafts.filter((d) => d.mac && !world.macOwners.has(d.mac));
  const taken: TakenNames = new Map([...world.hostnamesTaken].map((h) => [h, 0]));
  for (const d of drafts) if (d.hostname && !taken.has(d.hostname)) taken.set(d.hostname, d.line);
  const templateFailure = assignHostnames(fillable, template.template, template.problem, taken);
  const used = new Set([...world.poolUsed, ...world.ipOwners.keys()]);
  for (const d of drafts) if (d.ip) used.add(d.ip);
  assignAddresses(world.subnetProblem ? [] : fillable, world.subnet, used);

  return { rows: drafts.map(toImportRow), templateFailure };
}

function checkAgainstWorld(d: Draft, world: World) {
  const add = (kind: ProblemKind, text: string) => d.problems.push({ kind, text });
  if (d.mac && world.macOwners.has(d.mac)) add("conflict", `${d.mac} is already registered to ${world.macOwners.get(d.mac)}`);
  if (d.hostname && world.hostnamesTaken.has(d.hostname)) add("conflict", `hostname ${d.hostname} is already taken`);
  if (d.ip && world.ipOwners.has(d.ip)) add("conflict", `${d.ip} is already used by ${world.ipOwners.get(d.ip)}`);
  if (d.ip && !world.subnetProblem) {
    const problem = machineAddressProblem(d.ip, world.subnet ?? homeSubnet(d.ip, world.subnets));
    if (problem) add("invalid", problem);
  }
  if (d.role && !world.roles.has(d.role)) {
    const known = [...world.roles.keys()].sort().join(", ");
    add("invalid", `no role "${d.role}"${known ? ` (roles: ${known})` : "; create the role first"}`);
  }
  if (world.subnetProblem) add("invalid", world.subnetProblem);
}

/**
 * A value repeated in the paste: the first line holding it stands, every later one is a
 * duplicate that names it (so ten good lines and one repeat flag exactly the repeat).
 */
function flagRepeats(drafts: Draft[], key: (d: Draft) => string | null, what: (v: string) => string) {
  const first = new Map<string, number>();
  for (const d of drafts) {
    const k = key(d);
    if (!k) continue;
    const line = first.get(k);
    if (line === undefined) first.set(k, d.line);
    else d.problems.push({ kind: "duplicate", text: `${what(k)} is already on line ${line}` });
  }
}

function toImportRow(d: Draft): ImportRow {
  const status = d.problems.reduce<ImportStatus>((s, p) => (RANK[p.kind] > RANK[s] ? p.kind : s), "ok");
  return {
    line: d.line,
    input: d.input,
    mac: d.mac,
    hostname: d.hostname,
    ip: d.ip,
    role: d.role,
    rack: d.rack,
    bmc: d.bmc,
    status,
    messages: d.problems.map((p) => p.text),
  };
}
