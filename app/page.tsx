import Link from "next/link";
import { DriftSummary } from "@/components/fleet/drift-summary";
import { FleetNav } from "@/components/fleet/fleet-nav";
import { FleetSummary } from "@/components/fleet/fleet-summary";
import { RoleTable } from "@/components/fleet/role-table";
import { VersionChart } from "@/components/fleet/version-chart";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { PageHeader, Section } from "@/components/ui/page-header";
import { distributionRows } from "@/lib/fleet/distribution";
import { countDrift } from "@/lib/fleet/drift-queries";
import { countMachineStates, getFleetHomogeneity } from "@/lib/fleet/queries";
import { activeRolloutsByRole } from "@/lib/rollouts/queries";
import { DEFAULT_STALE_DAYS } from "@/lib/fleet/schema";

// The root segment: the layout's title template applies to child segments only.
export const metadata = { title: "Fleet · Fleetboot" };

const LINK = "text-sky-700 hover:underline dark:text-sky-400";

export default async function FleetPage() {
  const [fleet, states, drift, rollouts] = await Promise.all([getFleetHomogeneity(), countMachineStates(), countDrift({ days: DEFAULT_STALE_DAYS }), activeRolloutsByRole()]);
  const rows = distributionRows(fleet.roles);
  return (
    <>
      <PageHeader title="Fleet" subtitle="Desired versus running image versions, per role." actions={<LiveRefresh />} />
      <FleetNav current="Overview" />
      <div className="space-y-8 p-6">
        {fleet.total === 0 && fleet.roles.length === 0 ? (
          <EmptyState title="No machines yet">
            Create a{" "}
            <Link href="/roles" className={LINK}>
              role
            </Link>{" "}
            with a desired image version, then{" "}
            <Link href="/machines" className={LINK}>
              onboard machines
            </Link>{" "}
            by pasting their MAC addresses. This page then shows how much of the fleet runs what it should.
          </EmptyState>
        ) : (
          <>
            <FleetSummary fleet={fleet} states={states} />
            <Section title={`${fleet.roles.filter((r) => r.role).length} roles`}>
              <RoleTable roles={fleet.roles} rollouts={rollouts} />
            </Section>
            {rows.length ? (
              <Section title="Versions per role">
                <VersionChart rows={rows} />
              </Section>
            ) : null}
            <Section
              title="Drift"
              actions={
                <span className="flex gap-4 text-sm">
                  <Link href="/fleet/trend" className={LINK}>Convergence over time →</Link>
                  <Link href="/fleet/racks" className={LINK}>By rack →</Link>
                </span>
              }
            >
              <DriftSummary counts={drift} />
            </Section>
          </>
        )}
      </div>
    </>
  );
}
