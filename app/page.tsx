import Link from "next/link";
import { FleetSummary } from "@/components/fleet/fleet-summary";
import { RoleTable } from "@/components/fleet/role-table";
import { EmptyState } from "@/components/ui/empty-state";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { PageHeader, Section } from "@/components/ui/page-header";
import { countMachineStates, getFleetHomogeneity } from "@/lib/fleet/queries";

export default async function FleetPage() {
  const [fleet, states] = await Promise.all([getFleetHomogeneity(), countMachineStates()]);
  return (
    <>
      <PageHeader title="Fleet" subtitle="Desired versus running image versions, per role." actions={<LiveRefresh />} />
      <div className="space-y-8 p-6">
        {fleet.total === 0 && fleet.roles.length === 0 ? (
          <EmptyState title="No machines yet">
            Create a{" "}
            <Link href="/roles" className="text-sky-700 hover:underline dark:text-sky-400">
              role
            </Link>{" "}
            with a desired image version, then{" "}
            <Link href="/machines" className="text-sky-700 hover:underline dark:text-sky-400">
              onboard machines
            </Link>{" "}
            by pasting their MAC addresses. This page then shows how much of the fleet runs what it should.
          </EmptyState>
        ) : (
          <>
            <FleetSummary fleet={fleet} states={states} />
            <Section title={`${fleet.roles.filter((r) => r.role).length} roles`}>
              <RoleTable roles={fleet.roles} />
            </Section>
          </>
        )}
      </div>
    </>
  );
}
