import Link from "next/link";
import { BatchTable } from "@/components/rollouts/batch-table";
import { ExcludedTable } from "@/components/rollouts/excluded-table";
import { RolloutBanner } from "@/components/rollouts/rollout-banner";
import { RolloutControls } from "@/components/rollouts/rollout-controls";
import { RolloutOptions } from "@/components/rollouts/rollout-options";
import { RolloutProgress } from "@/components/rollouts/rollout-progress";
import { RolloutStateBadge } from "@/components/rollouts/state-badge";
import { StepTable } from "@/components/rollouts/step-table";
import { LiveRefresh } from "@/components/shell/live-refresh";
import { PageHeader, Section } from "@/components/ui/page-header";
import { Pager } from "@/components/ui/pager";
import { Timestamp } from "@/components/ui/timestamp";
import { consoleCan } from "@/lib/auth/console";
import { getRolloutSummary, listRolloutSteps, rolloutRoles, type RolloutStepRow } from "@/lib/rollouts/queries";
import { pageLoader } from "@/lib/http/page-load";
import { rolloutCommandAction } from "./actions";

// Batches per page, machines listed at most per page and failures listed at most: the
// page costs the same for a rollout of 10 machines or 10,000.
const BATCH_PAGE = 50;
const STEP_LIMIT = 1000;
const FAILED_LIMIT = 200;

type Search = Promise<Record<string, string | string[] | undefined>>;

function whole(v: unknown): number | null {
  return typeof v === "string" && /^\d{1,7}$/.test(v) ? Number(v) : null;
}

const loadRollout = pageLoader(getRolloutSummary);

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const r = await loadRollout((await params).id);
  return { title: `Rollout ${r.name || r.id.slice(0, 8)}` };
}

export default async function RolloutPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Search }) {
  const { id } = await params;
  const search = await searchParams;
  const r = await loadRollout(id);
  const canOperate = await consoleCan("operate");
  const active = r.state === "running" || r.state === "paused";

  // Open: the batches rebooting now, the next one while the rollout goes on, and the one asked for.
  const selected = r.batches.some((b) => b.batch === whole(search.batch)) ? whole(search.batch) : null;
  const running = r.batches.filter((b) => b.startedAt && !b.finishedAt).map((b) => b.batch);
  const next = active ? r.batches.find((b) => !b.startedAt)?.batch : undefined;
  const focus = selected ?? running[0] ?? next ?? 1;
  const pages = Math.max(1, Math.ceil(r.batches.length / BATCH_PAGE));
  const page = Math.min(pages, whole(search.page) ?? Math.ceil(Math.max(1, r.batches.findIndex((b) => b.batch === focus) + 1) / BATCH_PAGE));
  const onPage = r.batches.slice((page - 1) * BATCH_PAGE, page * BATCH_PAGE);
  const open = new Set([...running, ...(next ? [next] : []), ...(selected ? [selected] : [])].filter((b) => onPage.some((p) => p.batch === b)));

  const [steps, failed, roles] = await Promise.all([
    open.size ? listRolloutSteps(r.id, { batches: [...open], limit: STEP_LIMIT }) : [],
    r.counts.failed ? listRolloutSteps(r.id, { states: ["failed"], limit: FAILED_LIMIT }) : [],
    rolloutRoles(r.id),
  ]);
  // The trend range that shows the whole rollout.
  const ageHours = ((r.finishedAt ?? r.now).getTime() - r.createdAt.getTime()) / 3_600_000;
  const trendRange = ageHours < 5 ? "6h" : ageHours < 23 ? "24h" : "7d";
  const byBatch = new Map<number, RolloutStepRow[]>();
  for (const s of steps) byBatch.set(s.batch, [...(byBatch.get(s.batch) ?? []), s]);
  const href = (batch: number | null, p = page) => `/rollouts/${r.id}?${new URLSearchParams({ ...(batch ? { batch: String(batch) } : {}), page: String(p) })}`;
  const awaitsApproval = r.canary && !r.canaryApprovedAt;

  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {r.name || <>Rollout <span className="font-mono">{r.id.slice(0, 8)}</span></>}
            <RolloutStateBadge state={r.state} awaitingApproval={r.awaitingApproval} />
          </span>
        }
        subtitle={
          <>
            <Link href="/rollouts" className="hover:underline">← All rollouts</Link> · <span className="font-mono text-xs">{r.id}</span>
          </>
        }
        actions={
          <>
            {active ? <LiveRefresh rollout={r.id} /> : null}
            {canOperate ? <RolloutControls state={r.state} awaitsApproval={awaitsApproval} canaryDone={r.canaryDone} canaryFailed={awaitsApproval ? (r.batches[0]?.failed ?? 0) : 0} failed={r.counts.failed} action={rolloutCommandAction.bind(null, r.id)} /> : null}
          </>
        }
      />
      <div className="space-y-8 p-6">
        <RolloutBanner r={r} />
        <dl className="flex flex-wrap gap-x-10 gap-y-2 text-sm">
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Target version</dt>
            <dd>{r.targetVersion ? <span className="font-mono">{r.targetVersion}</span> : <span className="text-zinc-500 dark:text-zinc-400">the role&apos;s desired version, unchanged</span>}</dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Started by</dt>
            <dd>{r.createdBy ?? "—"}</dd>
          </div>
          <div>
            <dt className="text-xs text-zinc-500 dark:text-zinc-400">Started (UTC)</dt>
            <dd><Timestamp date={r.createdAt} /></dd>
          </div>
          {roles.length ? (
            <div>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">Convergence</dt>
              <dd className="flex gap-3">
                {roles.map((role) => (
                  <Link key={role} href={`/fleet/trend?${new URLSearchParams({ role, range: trendRange })}`} className="text-sky-700 hover:underline dark:text-sky-400">
                    {role} over time
                  </Link>
                ))}
              </dd>
            </div>
          ) : null}
          {r.finishedAt ? (
            <div>
              <dt className="text-xs text-zinc-500 dark:text-zinc-400">Finished (UTC)</dt>
              <dd><Timestamp date={r.finishedAt} /></dd>
            </div>
          ) : null}
        </dl>
        <RolloutProgress r={r} />
        {failed.length ? (
          <Section title={`Failed machines (${r.counts.failed.toLocaleString("en")})`}>
            <div className="rounded border border-red-200 dark:border-red-900">
              <StepTable steps={failed} showBatch label="Failed machines" />
            </div>
            {r.counts.failed > failed.length ? <p className="text-xs text-zinc-500 dark:text-zinc-400">The first {failed.length} shown.</p> : null}
          </Section>
        ) : null}
        <Section title={`Batches (${r.batches.length.toLocaleString("en")})`}>
          <BatchTable batches={onPage} steps={byBatch} open={open} selected={selected} href={href} canary={r.canary} />
          {pages > 1 ? <Pager page={page} pageSize={BATCH_PAGE} total={r.batches.length} href={(p) => href(null, p)} summary={`Batches ${onPage[0]?.batch}–${onPage[onPage.length - 1]?.batch} of ${r.batches.length.toLocaleString("en")}`} /> : null}
        </Section>
        {r.excluded.length ? (
          <Section title={`Left out when it started (${r.excluded.length.toLocaleString("en")})`}>
            <ExcludedTable excluded={r.excluded} />
          </Section>
        ) : null}
        <Section title="Options">
          <RolloutOptions r={r} />
        </Section>
      </div>
    </>
  );
}
