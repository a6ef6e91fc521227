import Link from "next/link";
import { RolloutTable } from "@/components/rollouts/rollout-table";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader, Section } from "@/components/ui/page-header";
import { consoleCan } from "@/lib/auth/console";
import { listRollouts, ROLLOUT_LIST_LIMIT } from "@/lib/rollouts/queries";

export const metadata = { title: "Rollouts" };

const LINK = "text-sky-700 hover:underline dark:text-sky-400";

export default async function RolloutsPage() {
  const [rollouts, canOperate] = await Promise.all([listRollouts(), consoleCan("operate")]);
  const active = rollouts.filter((r) => r.state === "running" || r.state === "paused").length;
  const count = rollouts.length === ROLLOUT_LIST_LIMIT ? `The latest ${ROLLOUT_LIST_LIMIT} rollouts` : `${rollouts.length} rollout${rollouts.length === 1 ? "" : "s"}`;
  return (
    <>
      <PageHeader
        title="Rollouts"
        subtitle="Reboots rolled through the fleet in batches, onto a role's new image version."
        actions={
          <>
            <LiveRefresh kind="rollout." />
            {canOperate ? (
              <Link href="/rollouts/new" className={buttonClass()}>
                New rollout
              </Link>
            ) : null}
          </>
        }
      />
      <div className="p-6">
        {rollouts.length === 0 ? (
          <EmptyState title="No rollouts yet">
            A rollout reboots a role&apos;s machines in safe batches onto a new image version, waiting for each batch to come back
            ready before the next.{" "}
            {canOperate ? (
              <>
                <Link href="/rollouts/new" className={LINK}>
                  Start one
                </Link>{" "}
                here, or with Roll out on a{" "}
                <Link href="/roles" className={LINK}>
                  role
                </Link>
                .
              </>
            ) : (
              <>Operators start them from here or from a role; you will see them here as they run.</>
            )}
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
