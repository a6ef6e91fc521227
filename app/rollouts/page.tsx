import Link from "next/link";
import { RolloutTable } from "@/components/rollouts/rollout-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { listRollouts, ROLLOUT_LIST_LIMIT } from "@/lib/rollouts/queries";

export const metadata = { title: "Rollouts" };

export default async function RolloutsPage() {
  const rollouts = await listRollouts();
  const active = rollouts.filter((r) => r.state === "running" || r.state === "paused").length;
  const count = rollouts.length === ROLLOUT_LIST_LIMIT ? `The latest ${ROLLOUT_LIST_LIMIT} rollouts` : `${rollouts.length} rollout${rollouts.length === 1 ? "" : "s"}`;
  return (
    <>
      <PageHeader title="Rollouts" subtitle="Reboots rolled through the fleet in batches, onto a role's new image version." />
      <div className="p-6">
        {rollouts.length === 0 ? (
          <EmptyState title="No rollouts yet">
            A rollout reboots a role&apos;s machines in safe batches onto a new image version, waiting for each batch to come back
            ready before the next. Start one from a{" "}
            <Link href="/roles" className="text-sky-700 hover:underline dark:text-sky-400">
              role
            </Link>{" "}
            once its desired version is set.
          </EmptyState>
        ) : (
          <Section title={`${count}${active ? `, ${active} in progress` : ""}`}>
            <RolloutTable rollouts={rollouts} />
          </Section>
        )}
      </div>
    </>
  );
}
