import { randomUUID } from "node:crypto";
import Link from "next/link";
import { WhenAllowed } from "@/components/auth/when-allowed";
import { rolloutPrefill } from "@/components/rollouts/prefill";
import { RolloutForm } from "@/components/rollouts/rollout-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listVersionChoices } from "@/lib/images/queries";
import { listRacks } from "@/lib/machines/queries";
import { listRoles } from "@/lib/roles/queries";
import { previewRolloutAction, startRolloutAction } from "./actions";

export const metadata = { title: "New rollout" };

type Search = Promise<Record<string, string | string[] | undefined>>;

const NOTICE = {
  info: "border-sky-200 bg-sky-50 text-sky-900 dark:border-sky-900 dark:bg-sky-950/40 dark:text-sky-200",
  warning: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-800 dark:bg-amber-950/40 dark:text-amber-200",
};

async function NewRolloutForm({ search }: { search: Awaited<Search> }) {
  const [prefill, roles, racks, versions] = await Promise.all([rolloutPrefill(search), listRoles(), listRacks(), listVersionChoices()]);
  const choices = {
    roles: roles.map((r) => ({ name: r.name, imageVersion: r.imageVersion, machines: r.machines.total })),
    racks,
    versions: versions.filter((v) => v.status !== "retired").map((v) => ({ ref: v.ref, status: v.status })),
    timezones: ["UTC", ...Intl.supportedValuesOf("timeZone").filter((tz) => tz !== "UTC")],
  };
  return (
    <>
      {prefill.notice ? (
        <p role="status" className={`rounded border px-3 py-2 text-sm ${NOTICE[prefill.notice.tone]}`}>
          {prefill.notice.text}
        </p>
      ) : null}
      <RolloutForm preview={previewRolloutAction} start={startRolloutAction} choices={choices} defaults={prefill.values} requestKey={randomUUID()} />
    </>
  );
}

export default async function NewRolloutPage({ searchParams }: { searchParams: Search }) {
  const search = await searchParams;
  return (
    <>
      <PageHeader
        title="New rollout"
        subtitle={<Link href="/rollouts" className="hover:underline">← All rollouts</Link>}
      />
      <div className="space-y-5 p-6">
        <WhenAllowed
          permission="operate"
          fallback={
            <EmptyState title="You cannot start rollouts">
              Starting a rollout reboots machines, which needs the operator role. Ask an admin for it, or follow the running ones on the{" "}
              <Link href="/rollouts" className="text-sky-700 hover:underline dark:text-sky-400">
                Rollouts
              </Link>{" "}
              page.
            </EmptyState>
          }
        >
          <NewRolloutForm search={search} />
        </WhenAllowed>
      </div>
    </>
  );
}
