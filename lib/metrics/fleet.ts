import { Gauge, Registry } from "prom-client";
import { db } from "@/lib/db";
import { getFleetHomogeneity } from "@/lib/fleet/queries";
import { DeploymentStatus, MachineState, RolloutState } from "@/lib/generated/prisma/enums";

// The fleet as PostgreSQL has it, read at each scrape into a registry of its own, so that
// a role, version or state that no longer exists leaves no stale series behind. Machines
// without a role carry role="" (in PromQL, the same as no label).

interface MachineGroup {
  role: string | null;
  state: MachineState;
  maintenance: boolean;
  n: number;
}

interface Totals {
  unknown_macs: number;
  last_event_id: bigint | null;
}

/** The fleet's gauges, in a registry made for this scrape. */
export async function fleetRegistry(): Promise<Registry> {
  const [machines, homogeneity, deployments, rollouts, totals] = await Promise.all([
    db.$queryRaw<MachineGroup[]>`
      SELECT r.name AS role, m.state, m.maintenance, count(*)::int AS n
      FROM machines m LEFT JOIN roles r ON r.id = m.role_id
      GROUP BY r.name, m.state, m.maintenance`,
    getFleetHomogeneity(),
    db.deployment.groupBy({ by: ["status"], _count: { _all: true } }),
    db.rollout.groupBy({ by: ["state"], _count: { _all: true } }),
    db.$queryRaw<Totals[]>`
      SELECT (SELECT count(*)::int FROM unknown_macs) AS unknown_macs, (SELECT max(id) FROM events) AS last_event_id`,
  ]);

  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });

  const byState = gauge("fleetboot_machines", "Machines by role and state.", ["role", "state"]);
  const inMaintenance = gauge("fleetboot_machines_maintenance", "Machines flagged for maintenance, by role.", ["role"]);
  const roles = new Set(machines.map((g) => g.role ?? ""));
  // Every state of every role with machines is present, at 0 when empty, so that a rate or a
  // ratio over a state does not vanish when its last machine leaves it.
  for (const role of roles) {
    for (const state of Object.values(MachineState)) byState.set({ role, state }, 0);
    inMaintenance.set({ role }, 0);
  }
  for (const g of machines) {
    byState.inc({ role: g.role ?? "", state: g.state }, g.n);
    if (g.maintenance) inMaintenance.inc({ role: g.role ?? "" }, g.n);
  }

  const converged = gauge("fleetboot_role_machines_converged", "Machines whose booted image version is their role's desired version.", ["role"]);
  const drifted = gauge("fleetboot_role_machines_drifted", "Machines that reported a version other than their role's desired one.", ["role"]);
  const never = gauge("fleetboot_role_machines_never_reported", "Machines with no booted version on record.", ["role"]);
  const desired = gauge("fleetboot_role_desired_version_info", "A role's desired image version (value 1; no series when none is set).", ["role", "version"]);
  const running = gauge("fleetboot_role_version_machines", "Machines of a role by the image version they booted.", ["role", "version", "desired"]);
  for (const r of homogeneity.roles) {
    const role = r.role ?? "";
    converged.set({ role }, r.converged);
    drifted.set({ role }, r.drifted);
    never.set({ role }, r.neverReported);
    if (r.desiredVersion) desired.set({ role, version: r.desiredVersion }, 1);
    for (const v of r.versions) running.set({ role, version: v.version, desired: String(v.desired) }, v.count);
  }

  // One series per value of an enum, at 0 when none has it.
  const countsByEnum = (name: string, help: string, label: string, values: readonly string[], counts: [string, number][]) => {
    const g = gauge(name, help, [label]);
    for (const v of values) g.set({ [label]: v }, 0);
    for (const [v, n] of counts) g.set({ [label]: v }, n);
  };
  countsByEnum("fleetboot_deployments", "Deployments by status (all on record).", "status", Object.values(DeploymentStatus), deployments.map((d) => [d.status, d._count._all]));
  countsByEnum("fleetboot_rollouts", "Rollouts by state (all on record).", "state", Object.values(RolloutState), rollouts.map((r) => [r.state, r._count._all]));

  gauge("fleetboot_unknown_macs", "MACs in the unknown inbox: asked for a boot script, not registered.").set(totals[0].unknown_macs);
  gauge("fleetboot_last_event_id", "The newest event's id (grows with every event written).").set(Number(totals[0].last_event_id ?? 0));
  return registry;
}
