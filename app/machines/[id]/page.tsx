import Link from "next/link";
import { consoleCan } from "@/lib/auth/console";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { MachineDeployments, MachineEvents } from "@/components/machines/machine-activity";
import { DeploymentOutput } from "@/components/machines/deployment-output";
import { PowerMenu } from "@/components/machines/power-menu";
import { RedeployButton } from "@/components/machines/redeploy-button";
import { MachineOverview } from "@/components/machines/machine-overview";
import { MachineStateBadge, MaintenanceBadge } from "@/components/machines/state-badge";
import { buttonClass } from "@/components/ui/button";
import { DeleteButton } from "@/components/ui/delete-button";
import { PageHeader, Section } from "@/components/ui/page-header";
import { pageLoader } from "@/lib/http/page-load";
import { getMachineOrThrow, listMachineDeployments, listMachineEvents } from "@/lib/machines/queries";
import { deleteMachineAction, powerAction, powerStateAction, redeployAction } from "../actions";

export const loadMachine = pageLoader(getMachineOrThrow);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  return { title: (await loadMachine((await params).id)).hostname };
}

export default async function MachinePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string; deployment?: string }> }) {
  const m = await loadMachine((await params).id);
  const [events, deployments, { saved, deployment }] = await Promise.all([listMachineEvents(m.id), listMachineDeployments(m.id), searchParams]);
  const canOperate = await consoleCan("operate");
  const shown = deployments.find((d) => d.id === deployment) ?? deployments[0];
  return (
    <>
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {m.hostname} <MachineStateBadge state={m.state} /> {m.maintenance ? <MaintenanceBadge /> : null}
          </span>
        }
        subtitle={<Link href="/machines" className="hover:underline">← All machines</Link>}
        actions={
          <>
            <LiveRefresh machine={m.id} />
            <Link href={`/machines/${m.hostname}/boot`} className={buttonClass("secondary")}>Boot preview</Link>
            {canOperate ? (
              <>
                {m.bmc ? <PowerMenu hostname={m.hostname} action={powerAction.bind(null, m.id)} readState={powerStateAction.bind(null, m.id)} /> : null}
                <RedeployButton
                  action={redeployAction.bind(null, m.id)}
                  disabledReason={!m.role ? "No role: nothing to deploy" : !m.ipv4 ? "No IPv4 address to deploy to" : undefined}
                />
                <Link href={`/machines/${m.hostname}/edit`} className={buttonClass("secondary")}>Edit</Link>
                <DeleteButton action={deleteMachineAction.bind(null, m.id)} what={`machine ${m.hostname}`} />
              </>
            ) : null}
          </>
        }
      />
      <div className="space-y-8 p-6">
        {saved ? <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">Saved.</p> : null}
        <MachineOverview m={m} />
        {shown ? (
          <Section title={`Deployment output (${shown.trigger}, queued ${shown.queuedAt.toISOString().slice(0, 19).replace("T", " ")} UTC)`}>
            <DeploymentOutput key={shown.id} id={shown.id} />
          </Section>
        ) : null}
        <Section title="Deployments"><MachineDeployments deployments={deployments} hostname={m.hostname} /></Section>
        <Section title="Recent events"><MachineEvents events={events} /></Section>
      </div>
    </>
  );
}
